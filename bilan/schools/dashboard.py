"""The cohort dashboard's queries: one row per enrolled intern, filtered and sorted in the database.

Everything is read from `Enrolment` joined to its dossier and the dossier's `DossierStatus`
(denormalised for this page), so the page, the summary and the exports each take one query
whatever the size of the cohort. An intern with no dossier yet (invitation pending) or whose
status has not been computed counts as 0 % ready and nothing received, so that filters and
sorts place them with those who have not started.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from .models import Cohort, Enrolment, enrolment_name_order

# The sort keys the page offers ("-" first: descending), and the default.
SORTS = {
    "name": _("Nom"),
    "readiness": _("Préparation"),
    "activity": _("Dernière activité"),
}
DEFAULT_SORT = "name"

# Readiness buckets of the summary: [lower, upper) in percent; the last one includes 100.
READINESS_BUCKETS = ((0, 25), (25, 50), (50, 75), (75, 101))

# The columns of a row, in the order of the exports.
ROW_FIELDS = (
    "id",
    "first_name",
    "last_name",
    "email",
    "company_shown",
    "readiness",
    "has_dossier",
    "feedback_requested",
    "feedback_answered",
    "tutor_evaluation",
    "meeting_at",
    "submitted_at",
    "last_activity_at",
    "invited_at",
    "joined_at",
)


@dataclass(frozen=True)
class DashboardQuery:
    """What the referent asked for: a search, filters and a sort (all optional)."""

    search: str = ""
    readiness_below: int | None = None  # strictly below this percentage
    readiness_from: int | None = None  # this percentage or more
    missing_tutor_evaluation: bool = False
    not_submitted: bool = False
    not_joined: bool = False
    sort: str = DEFAULT_SORT  # a key of SORTS, "-" in front for descending

    @property
    def filtered(self) -> bool:
        return bool(
            self.search
            or self.readiness_below is not None
            or self.readiness_from is not None
            or self.missing_tutor_evaluation
            or self.not_submitted
            or self.not_joined
        )


def _annotated(cohort: Cohort) -> QuerySet[Enrolment]:
    status = "dossier__school_status__"
    return Enrolment.objects.filter(cohort=cohort).annotate(
        # The dossier's organisation once linked, else the company of the imported row.
        company_shown=Coalesce(
            F("dossier__organisation"), F("company"), Value(""), output_field=CharField()
        ),
        readiness=Coalesce(F(status + "readiness"), Value(0), output_field=IntegerField()),
        has_dossier=Case(
            When(dossier__isnull=False, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        feedback_requested=Coalesce(
            F(status + "feedback_requested"), Value(0), output_field=IntegerField()
        ),
        feedback_answered=Coalesce(
            F(status + "feedback_answered"), Value(0), output_field=IntegerField()
        ),
        tutor_evaluation=Coalesce(
            F(status + "tutor_evaluation_received"), Value(False), output_field=BooleanField()
        ),
        meeting_at=F(status + "meeting_at"),
        last_activity_at=F(status + "last_activity_at"),
    )


def _search_terms(search: str) -> list[str]:
    # A handful of words is plenty; more would only lengthen the query.
    return search.split()[:8]


def dashboard_enrolments(cohort: Cohort, query: DashboardQuery) -> QuerySet[Enrolment, Any]:
    """The cohort's enrolments as rows (dicts of ROW_FIELDS), filtered and sorted as asked."""
    rows = _annotated(cohort)
    for term in _search_terms(query.search):
        # Every word must match somewhere: "camille lyon" finds Camille working in Lyon.
        rows = rows.filter(
            Q(first_name__icontains=term)
            | Q(last_name__icontains=term)
            | Q(email__icontains=term)
            | Q(dossier__organisation__icontains=term)
            | Q(company__icontains=term)
        )
    # Q objects: the annotations are unknown to the type checker's field lookup.
    if query.readiness_below is not None:
        rows = rows.filter(Q(readiness__lt=query.readiness_below))
    if query.readiness_from is not None:
        rows = rows.filter(Q(readiness__gte=query.readiness_from))
    if query.missing_tutor_evaluation:
        rows = rows.filter(Q(tutor_evaluation=False))
    if query.not_submitted:
        rows = rows.filter(submitted_at__isnull=True)
    if query.not_joined:
        rows = rows.filter(joined_at__isnull=True)
    return rows.order_by(*_ordering(query.sort)).values(*ROW_FIELDS)


def _ordering(sort: str) -> list[Any]:
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    by_name = list(enrolment_name_order())
    if key == "readiness":
        first: list[Any] = [F("readiness").desc() if descending else F("readiness").asc()]
        tail = [*by_name, "id"]
    elif key == "activity":
        # Never active comes last either way: what matters is who went quiet, then who is busy.
        activity = F("last_activity_at")
        first = [activity.desc(nulls_last=True) if descending else activity.asc(nulls_last=True)]
        tail = [*by_name, "id"]
    else:
        first = [f.desc() if descending else f.asc() for f in by_name]
        tail = ["-id" if descending else "id"]
    return [*first, *tail]


def dashboard_summary(cohort: Cohort) -> dict[str, int]:
    """Counts over the whole cohort (never the filtered page), in one query."""
    rows = _annotated(cohort)
    buckets = {
        f"readiness_{low}": Count("id", filter=Q(readiness__gte=low, readiness__lt=high))
        for low, high in READINESS_BUCKETS
    }
    summary = rows.aggregate(
        interns=Count("id"),
        joined=Count("id", filter=Q(joined_at__isnull=False)),
        invited=Count("id", filter=Q(joined_at__isnull=True, invited_at__isnull=False)),
        not_invited=Count("id", filter=Q(joined_at__isnull=True, invited_at__isnull=True)),
        feedback_requested=Sum("feedback_requested"),
        feedback_answered=Sum("feedback_answered"),
        tutor_evaluations=Count("id", filter=Q(tutor_evaluation=True)),
        meetings=Count("id", filter=Q(meeting_at__isnull=False)),
        submitted=Count("id", filter=Q(submitted_at__isnull=False)),
        **buckets,
    )
    # Sum over no rows is NULL.
    return {key: value or 0 for key, value in summary.items()}


def readiness_buckets(summary: dict[str, int]) -> list[tuple[str, int]]:
    """The summary's buckets as (label, count), e.g. ("25–49 %", 12)."""
    labelled = []
    for low, high in READINESS_BUCKETS:
        upper = min(high - 1, 100)
        labelled.append((f"{low}–{upper} %", summary[f"readiness_{low}"]))
    return labelled
