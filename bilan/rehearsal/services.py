from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bilan.documents.model import TRAME, TRAME_HEADINGS
from bilan.dossiers.models import Dossier
from bilan.synthesis.services import synthesis_current, synthesis_get

from .models import MAX_MINUTES, Note, Plan
from .outline import OutlineItem, outline_build

NOTE_MAX_CHARS = 5000


def plan_get(*, dossier: Dossier) -> Plan:
    """The dossier's plan; unsaved with the defaults until the intern changes something."""
    return Plan.objects.filter(dossier=dossier).first() or Plan(dossier=dossier)


def synthesis_sections(*, dossier: Dossier) -> dict[str, str]:
    """The current synthesis's sections ({} before the synthesis is generated)."""
    synthesis = synthesis_get(dossier=dossier)
    version = synthesis_current(synthesis=synthesis) if synthesis else None
    return dict(version.sections) if version else {}


def outline_for(*, dossier: Dossier, plan: Plan) -> list[OutlineItem]:
    headings = TRAME_HEADINGS["en" if dossier.language == "en" else "fr"]
    return outline_build(
        synthesis_sections(dossier=dossier),
        headings,
        TRAME,
        total_seconds=plan.length_minutes * 60,
        overrides=plan.seconds,
    )


@transaction.atomic
def plan_length_set(*, dossier: Dossier, minutes: int) -> Plan:
    """A new length scales the intern's own times rather than throwing them away."""
    if not 1 <= minutes <= MAX_MINUTES:
        raise ValidationError(
            _("La durée doit être comprise entre 1 et %(max)s minutes.") % {"max": MAX_MINUTES}
        )
    plan = plan_get(dossier=dossier)
    if plan.seconds and plan.length_minutes:
        ratio = minutes / plan.length_minutes
        plan.seconds = {
            key: int(round(value * ratio / 5)) * 5 for key, value in plan.seconds.items()
        }
    plan.length_minutes = minutes
    plan.save()
    return plan


@transaction.atomic
def plan_seconds_set(*, dossier: Dossier, seconds: dict[str, int]) -> Plan:
    """The intern's own split; the talk's length becomes their sum."""
    total = sum(seconds.values())
    if any(value < 0 for value in seconds.values()) or total <= 0:
        raise ValidationError(_("Donnez au moins quelques secondes à une partie."))
    if total > MAX_MINUTES * 60:
        raise ValidationError(
            _("La présentation ne peut pas dépasser %(max)s minutes.") % {"max": MAX_MINUTES}
        )
    unknown = set(seconds) - set(TRAME)
    if unknown:
        raise ValidationError(
            _("Partie inconnue : %(keys)s.") % {"keys": ", ".join(sorted(unknown))}
        )
    plan = plan_get(dossier=dossier)
    plan.seconds = dict(seconds)
    plan.length_minutes = max(1, round(total / 60))
    plan.save()
    return plan


@transaction.atomic
def plan_reset(*, dossier: Dossier) -> Plan:
    plan = plan_get(dossier=dossier)
    plan.seconds = {}
    plan.save()
    return plan


def note_add(
    *, dossier: Dossier, text: str, planned_seconds: int | None, elapsed_seconds: int | None
) -> Note:
    text = text.strip()
    if not text:
        raise ValidationError(_("Écrivez ce que vous voulez améliorer."))
    if len(text) > NOTE_MAX_CHARS:
        raise ValidationError(
            _("Une note tient en %(max)s caractères au plus.") % {"max": NOTE_MAX_CHARS}
        )
    return Note.objects.create(
        dossier=dossier,
        text=text,
        planned_seconds=planned_seconds,
        elapsed_seconds=elapsed_seconds,
    )


def note_delete(*, note: Note) -> None:
    note.delete()
