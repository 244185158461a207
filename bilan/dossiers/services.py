"""Workflows over dossiers, objectives and the journal. Views and the demo call these."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Min
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bilan.accounts.models import User
from bilan.core.edits import edit_claim
from bilan.core.ordering import position_move
from bilan.core.services import model_update
from bilan.jobs.services import job_enqueue_once

from .mission import split_mission, split_objective
from .models import Dossier, JournalEntry, Objective

DOSSIER_FIELDS = (
    "organisation",
    "service",
    "location",
    "kind",
    "start_date",
    "end_date",
    "school",
    "programme",
    "tutor_name",
    "tutor_email",
    "tutor_role",
    "referent_name",
    "referent_email",
    "mission_text",
    "language",
)


# The coach's verdicts on a dossier's texts are stored by the writing app, which sits above
# every app holding texts. Those apps only queue this job, by name, when a text may have
# changed; its handler (bilan/writing/jobs.py) compares content hashes and re-analyses only
# what changed.
JOB_TEXTS_CHANGED = "coach.refresh_dossier"


def dossier_texts_changed(*, dossier_id: int) -> None:
    """Queue the coach's refresh of a dossier's texts (one waiting job per dossier)."""
    job_enqueue_once(kind=JOB_TEXTS_CHANGED, payload={"dossier_id": dossier_id})


def _limit(name: str) -> int:
    return int(settings.BILAN_LIMITS[name])


@transaction.atomic
def dossier_create(*, owner: User, **data: Any) -> Dossier:
    dossier = Dossier(owner=owner, **{k: v for k, v in data.items() if k in DOSSIER_FIELDS})
    dossier.full_clean()
    dossier.save()
    return dossier


@transaction.atomic
def dossier_update(*, dossier: Dossier, version: str | None = None, **data: Any) -> Dossier:
    edit_claim(
        instance=dossier,
        version=version,
        fields=[
            name
            for name in ("mission_text", "first_week_note", "mastered_now", "autonomy_gained")
            if name in data
        ],
    )
    fields = [*DOSSIER_FIELDS, "first_week_note", "mastered_now", "autonomy_gained"]
    model_update(instance=dossier, fields=fields, data=data)
    if {"first_week_note", "mastered_now", "autonomy_gained"} & data.keys():
        dossier_texts_changed(dossier_id=dossier.pk)
    return dossier


@transaction.atomic
def dossier_delete(*, dossier: Dossier) -> None:
    dossier.delete()


def _check_objective_room(dossier: Dossier, adding: int) -> None:
    limit = _limit("objectives_per_dossier")
    if dossier.objectives.count() + adding > limit:
        raise ValidationError(
            _("Un dossier peut contenir au plus %(limit)d objectifs.") % {"limit": limit}
        )


@transaction.atomic
def objectives_import(*, dossier: Dossier, titles: list[str]) -> list[Objective]:
    """Append objectives, skipping titles the dossier already has."""
    existing = {title.casefold() for title in dossier.objectives.values_list("title", flat=True)}
    fresh = [title for title in titles if title.strip() and title.casefold() not in existing]
    _check_objective_room(dossier, len(fresh))
    start = dossier.next_objective_position()
    return Objective.objects.bulk_create(
        Objective(dossier=dossier, title=title.strip(), position=start + index)
        for index, title in enumerate(fresh)
    )


def objectives_propose(*, dossier: Dossier, text: str | None = None) -> list[str]:
    return split_mission(dossier.mission_text if text is None else text)


@transaction.atomic
def objective_create(
    *,
    dossier: Dossier,
    title: str,
    unplanned: bool = False,
    status: str = Objective.Status.PLANNED,
    actual: str = "",
    contribution: str = "",
    reason: str = "",
) -> Objective:
    _check_objective_room(dossier, 1)
    objective = Objective(
        dossier=dossier,
        title=title,
        unplanned=unplanned,
        status=status,
        actual=actual,
        contribution=contribution,
        reason=reason,
        position=dossier.next_objective_position(),
    )
    objective.full_clean()
    objective.save()
    dossier_texts_changed(dossier_id=objective.dossier_id)
    return objective


@transaction.atomic
def objective_update(*, objective: Objective, version: str | None = None, **data: Any) -> Objective:
    """``version``: what the form was loaded from (see bilan.core.edits); None skips the check."""
    texts = ("title", "actual", "contribution", "reason")
    edit_claim(instance=objective, version=version, fields=texts)
    fields = ("title", "unplanned", "status", "actual", "contribution", "reason")
    model_update(instance=objective, fields=fields, data=data)
    dossier_texts_changed(dossier_id=objective.dossier_id)
    return objective


@transaction.atomic
def objective_move(*, objective: Objective, offset: int) -> None:
    """Swap with the neighbour above (offset -1) or below (+1); positions are renumbered."""
    position_move(
        item=objective,
        siblings=Objective.objects.filter(dossier_id=objective.dossier_id),
        offset=offset,
    )


@transaction.atomic
def objective_merge_next(*, objective: Objective) -> Objective | None:
    """Fold the following objective into this one; its texts are appended, nothing is lost."""
    following = (
        Objective.objects.filter(dossier_id=objective.dossier_id, position__gt=objective.position)
        .order_by("position", "id")
        .first()
    )
    if following is None:
        return None
    for name in ("title", "actual", "contribution", "reason"):
        parts = [getattr(objective, name), getattr(following, name)]
        setattr(objective, name, "\n".join(part for part in parts if part).strip())
    objective.title = objective.title.replace("\n", " ; ")
    objective.unplanned = objective.unplanned and following.unplanned
    objective.save()
    following.delete()
    dossier_texts_changed(dossier_id=objective.dossier_id)
    return objective


def objective_split_propose(*, objective: Objective) -> list[str]:
    return split_objective(objective.title)


@transaction.atomic
def objective_split(*, objective: Objective, titles: list[str]) -> list[Objective]:
    """Cut one objective in parts, in place: the first part keeps its texts and traces."""
    titles = [" ".join(title.split()) for title in titles if title.strip()]
    if len(titles) < 2:
        raise ValidationError(
            _("Écrivez au moins deux lignes : une par objectif après la séparation.")
        )
    _check_objective_room(objective.dossier, len(titles) - 1)
    Objective.objects.filter(
        dossier_id=objective.dossier_id, position__gt=objective.position
    ).update(position=F("position") + len(titles) - 1)
    objective.title = titles[0]
    objective.full_clean()
    objective.save()
    parts = [objective]
    for offset, title in enumerate(titles[1:], start=1):
        part = Objective(
            dossier_id=objective.dossier_id,
            title=title,
            unplanned=objective.unplanned,
            position=objective.position + offset,
        )
        part.full_clean()
        part.save()
        parts.append(part)
    return parts


@transaction.atomic
def objective_delete(*, objective: Objective) -> None:
    dossier_id, position = objective.dossier_id, objective.position
    objective.delete()
    Objective.objects.filter(dossier_id=dossier_id, position__gt=position).update(
        position=F("position") - 1
    )
    dossier_texts_changed(dossier_id=dossier_id)


@dataclass
class PlanSummary:
    planned: list[Objective]
    unplanned: list[Objective]
    counts: dict[str, int]
    total: int

    @property
    def status_rows(self) -> list[tuple[str, str, int]]:
        return [
            (value, str(label), self.counts.get(value, 0))
            for value, label in Objective.Status.choices
        ]

    @property
    def reviewed(self) -> int:
        return sum(1 for item in [*self.planned, *self.unplanned] if item.is_reviewed)


def plan_summary(*, dossier: Dossier) -> PlanSummary:
    # Traces reach objectives through their reverse relation; prefetched for the plan table.
    objectives = list(dossier.objectives.prefetch_related("traces"))
    counts = Counter(objective.status for objective in objectives)
    return PlanSummary(
        planned=[o for o in objectives if not o.unplanned],
        unplanned=[o for o in objectives if o.unplanned],
        counts=dict(counts),
        total=len(objectives),
    )


@transaction.atomic
def journal_entry_create(
    *, dossier: Dossier, date: dt.date, text: str, tags: str = ""
) -> JournalEntry:
    limit = _limit("journal_entries_per_dossier")
    if dossier.journal_entries.count() >= limit:
        raise ValidationError(
            _("Le journal d'un dossier peut contenir au plus %(limit)d entrées.") % {"limit": limit}
        )
    entry = JournalEntry(dossier=dossier, date=date, text=text, tags=normalise_tags(tags))
    entry.full_clean()
    entry.save()
    dossier_texts_changed(dossier_id=dossier.pk)
    return entry


@transaction.atomic
def journal_entry_update(
    *, entry: JournalEntry, date: dt.date, text: str, tags: str, version: str | None = None
) -> None:
    edit_claim(instance=entry, version=version, fields=("text", "tags"))
    entry.date, entry.text, entry.tags = date, text, normalise_tags(tags)
    entry.full_clean()
    entry.save()
    dossier_texts_changed(dossier_id=entry.dossier_id)


@transaction.atomic
def journal_entry_delete(*, entry: JournalEntry) -> None:
    dossier_id = entry.dossier_id
    entry.delete()
    dossier_texts_changed(dossier_id=dossier_id)


def normalise_tags(tags: str) -> str:
    seen: dict[str, str] = {}
    for tag in tags.replace(";", ",").split(","):
        tag = " ".join(tag.split())
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return ", ".join(seen.values())


@dataclass
class JournalWeek:
    start: dt.date
    entries: list[JournalEntry] = field(default_factory=list)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)


def journal_weeks(*, dossier: Dossier, tag: str = "") -> list[JournalWeek]:
    """Entries grouped by ISO week, most recent week first."""
    entries = dossier.journal_entries.all()
    weeks: dict[dt.date, JournalWeek] = {}
    for entry in entries:
        if tag and tag.casefold() not in {t.casefold() for t in entry.tag_list}:
            continue
        weeks.setdefault(entry.week_start, JournalWeek(start=entry.week_start)).entries.append(
            entry
        )
    return sorted(weeks.values(), key=lambda week: week.start, reverse=True)


@dataclass
class FirstLastWeeks:
    first: JournalWeek | None
    last: JournalWeek | None

    @property
    def same_week(self) -> bool:
        return bool(self.first and self.last and self.first.start == self.last.start)


def journal_first_last_weeks(*, dossier: Dossier) -> FirstLastWeeks:
    """The internship's first and last weeks in the journal; dates outside it never count.

    The home page asks on every visit, and a journal grows to hundreds of entries: the dates
    bound the two weeks in the database, and only their entries are read.
    """
    covered = dossier.journal_entries.filter(
        date__gte=dossier.start_date, date__lte=dossier.end_date
    )
    bounds = covered.aggregate(first=Min("date"), last=Max("date"))
    if bounds["first"] is None:
        return FirstLastWeeks(first=None, last=None)

    def week_of(day: dt.date) -> JournalWeek:
        start = day - dt.timedelta(days=day.weekday())
        entries = covered.filter(date__gte=start, date__lte=start + dt.timedelta(days=6))
        return JournalWeek(start=start, entries=list(entries.order_by("date", "pk")))

    first = week_of(bounds["first"])
    last = first if bounds["last"] <= first.end else week_of(bounds["last"])
    return FirstLastWeeks(first=first, last=last)


def journal_date_warning(*, dossier: Dossier, date: dt.date) -> str:
    """A warning for an entry dated outside the internship; empty when the date is inside."""
    if dossier.covers(date):
        return ""
    return _(
        "Cette entrée est datée du %(date)s, hors de la période du stage (du %(start)s au "
        "%(end)s). Elle est enregistrée, mais ne compte ni pour la première ni pour la "
        "dernière semaine. Corrigez la date si c'est une erreur."
    ) % {
        "date": date_format(date, "SHORT_DATE_FORMAT"),
        "start": date_format(dossier.start_date, "SHORT_DATE_FORMAT"),
        "end": date_format(dossier.end_date, "SHORT_DATE_FORMAT"),
    }


def journal_tags(*, dossier: Dossier) -> list[str]:
    tags: dict[str, str] = {}
    for value in dossier.journal_entries.values_list("tags", flat=True):
        for tag in value.split(","):
            tag = tag.strip()
            if tag:
                tags.setdefault(tag.casefold(), tag)
    return sorted(tags.values(), key=str.casefold)
