"""An organisation's tutor evaluation grids: copied from Bilan's default, then edited.

A grid already answered must stay readable. Each rating an answer stores carries its key
("criterion:<id>"), the label the tutor saw and the value (a key unique across scales), so:

- renaming a criterion, moving it or changing its group never changes what an answer says; a
  tutor who amends later sees the new wording, which is why the page asks to fix wording, not
  meaning;
- changing the grid's scale only affects dossiers that receive the grid afterwards (each
  dossier's round keeps the scale it was given), and old values stay readable;
- deleting a criterion that a tutor has rated is refused: the rating would lose its criterion
  and a tutor amending their answer would lose it silently. Versioning the grid would keep both
  but doubles the grids admins must keep apart; refusing is simpler and the wording can still
  change. An unrated criterion may go.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from bilan.core.services import model_update
from bilan.feedback import services as feedback_services
from bilan.feedback.models import Answer, Criterion, Grid, Round

from .models import Enrolment, Organisation, OrganisationGrid

CRITERION_FIELDS = ("group", "label_fr", "label_en")


def max_criteria() -> int:
    return int(settings.BILAN_ORG_GRID_CRITERIA)


def builtin_default_grid() -> Grid | None:
    return Grid.objects.filter(key=feedback_services.DEFAULT_GRID_KEY).first()


@transaction.atomic
def organisation_grid_create(*, organisation: Organisation, name: str = "") -> OrganisationGrid:
    """A copy of Bilan's default grid owned by the organisation; its first grid is its default."""
    template = builtin_default_grid()
    if template is None:
        raise ValidationError(_("La grille par défaut de Bilan est introuvable."))
    grid = Grid.objects.create(
        key=f"org-{organisation.pk}-{secrets.token_hex(4)}",
        name=(name.strip() or template.name)[:200],
        scale=template.scale,
        is_builtin=False,
    )
    Criterion.objects.bulk_create(
        Criterion(
            grid=grid,
            group=criterion.group,
            label_fr=criterion.label_fr,
            label_en=criterion.label_en,
            position=position,
        )
        for position, criterion in enumerate(template.criteria.all())
    )
    has_default = OrganisationGrid.objects.filter(
        organisation=organisation, is_default=True
    ).exists()
    return OrganisationGrid.objects.create(
        organisation=organisation, grid=grid, is_default=not has_default
    )


@transaction.atomic
def grid_update(*, grid: Grid, name: str, scale: str) -> Grid:
    model_update(instance=grid, fields=("name", "scale"), data={"name": name, "scale": scale})
    return grid


@transaction.atomic
def organisation_grid_set_default(*, link: OrganisationGrid) -> None:
    OrganisationGrid.objects.filter(organisation_id=link.organisation_id, is_default=True).exclude(
        pk=link.pk
    ).update(is_default=False)
    link.is_default = True
    link.save(update_fields=["is_default"])


def grid_in_use(grid: Grid) -> bool:
    return Round.objects.filter(grid=grid).exists()


@transaction.atomic
def organisation_grid_delete(*, link: OrganisationGrid) -> None:
    """Only a grid no dossier uses (a dossier's round protects its grid)."""
    if grid_in_use(link.grid):
        raise ValidationError(
            _("Des dossiers utilisent cette grille : elle ne peut pas être supprimée.")
        )
    grid = link.grid
    link.delete()
    grid.delete()


# --- Criteria --------------------------------------------------------------------------------


def criterion_rated(criterion: Criterion) -> bool:
    """Whether any answer rated this criterion (the JSON text is searched, then checked)."""
    key = f"criterion:{criterion.pk}"
    candidates = Answer.objects.filter(ratings__icontains=f'"{key}"').values_list(
        "ratings", flat=True
    )
    return any(item.get("key") == key for ratings in candidates for item in ratings)


@transaction.atomic
def criterion_add(*, grid: Grid, group: str, label_fr: str, label_en: str = "") -> Criterion:
    locked = Grid.objects.select_for_update().get(pk=grid.pk)
    if locked.criteria.count() >= max_criteria():
        raise ValidationError(
            _("Une grille compte au plus %(limit)d critères.") % {"limit": max_criteria()}
        )
    last = locked.criteria.aggregate(last=Max("position"))["last"]
    criterion = Criterion(grid=locked, position=0 if last is None else last + 1)
    model_update(
        instance=criterion,
        fields=CRITERION_FIELDS,
        data={"group": group, "label_fr": label_fr.strip(), "label_en": label_en.strip()},
    )
    return criterion


@transaction.atomic
def criterion_update(*, criterion: Criterion, group: str, label_fr: str, label_en: str) -> None:
    model_update(
        instance=criterion,
        fields=CRITERION_FIELDS,
        data={"group": group, "label_fr": label_fr.strip(), "label_en": label_en.strip()},
    )


@transaction.atomic
def criterion_delete(*, criterion: Criterion) -> None:
    if criterion_rated(criterion):
        raise ValidationError(
            _(
                "« %(label)s » a déjà été évalué par un tuteur : le supprimer effacerait cette "
                "évaluation. Modifiez plutôt son libellé."
            )
            % {"label": criterion.label_fr}
        )
    criterion.delete()


@transaction.atomic
def criterion_move(*, criterion: Criterion, step: int) -> None:
    """Swap with the neighbour above (step -1) or below (step +1); positions are renumbered."""
    ordered = list(
        Criterion.objects.select_for_update()
        .filter(grid_id=criterion.grid_id)
        .order_by("position", "id")
    )
    index = next(i for i, item in enumerate(ordered) if item.pk == criterion.pk)
    target = index + step
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, item in enumerate(ordered):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


# --- Giving the default grid to the interns --------------------------------------------------


def _enrolled_dossiers_without_answers(organisation: Organisation) -> list[int]:
    answered = Answer.objects.values("request__dossier_id")
    return list(
        Enrolment.objects.filter(
            cohort__programme__organisation=organisation, dossier__isnull=False
        )
        .exclude(dossier_id__in=answered)
        .values_list("dossier_id", flat=True)
    )


def organisation_grid_apply_count(*, organisation: Organisation) -> int:
    return len(_enrolled_dossiers_without_answers(organisation))


@transaction.atomic
def organisation_grid_apply(*, organisation: Organisation) -> int:
    """Give the default grid to every enrolled dossier that has received no answer yet.

    A dossier with an answer keeps its grid: switching would leave a tutor's ratings against
    criteria the dossier no longer shows. Returns the number of dossiers changed.
    """
    link = (
        OrganisationGrid.objects.select_related("grid")
        .filter(organisation=organisation, is_default=True)
        .first()
    )
    if link is None:
        raise ValidationError(_("Choisissez d'abord la grille par défaut de l'organisation."))
    dossier_ids = _enrolled_dossiers_without_answers(organisation)
    already = set(
        Round.objects.filter(
            dossier_id__in=dossier_ids, grid=link.grid, scale=link.grid.scale
        ).values_list("dossier_id", flat=True)
    )
    changed = 0
    for enrolment in Enrolment.objects.select_related("dossier").filter(
        dossier_id__in=[pk for pk in dossier_ids if pk not in already]
    ):
        assert enrolment.dossier is not None
        feedback_services.round_update(
            dossier=enrolment.dossier, grid=link.grid, scale=link.grid.scale
        )
        changed += 1
    return changed
