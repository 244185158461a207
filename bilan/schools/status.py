"""DossierStatus: what the cohort dashboard shows of a dossier, refreshed as the dossier changes.

The feature apps know nothing of schools, so the refresh hangs on their models' signals
(connected in SchoolsConfig.ready). A save only notes the dossier's id; the refresh runs once
per dossier when the transaction commits, so a request that writes fifty journal entries
computes the checklist once, and a rolled-back write computes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.db.models import Max

from bilan.dossiers.models import Dossier, JournalEntry, Objective
from bilan.dossiers.services import plan_summary
from bilan.evidence.models import Trace
from bilan.feedback.models import Answer, FeedbackRequest
from bilan.meeting.models import Meeting, Question, Record
from bilan.overview.checklist import dossier_checklist
from bilan.skills.models import DossierSkill, Example, Feelings, Highlight, ProgressAxis
from bilan.synthesis.models import Synthesis, SynthesisVersion

from .models import DossierStatus, Enrolment

logger = logging.getLogger(__name__)

# The intern's own writing, with the field that dates it. Answers from the tutor and colleagues
# are left out on purpose: "last activity" tells the school whether the intern is at work.
ACTIVITY_SOURCES: tuple[tuple[type[models.Model], str, str], ...] = (
    (Objective, "dossier_id", "updated_at"),
    (JournalEntry, "dossier_id", "updated_at"),
    (Trace, "dossier_id", "created_at"),
    (DossierSkill, "dossier_id", "updated_at"),
    (Example, "dossier_id", "updated_at"),
    (Highlight, "dossier_id", "updated_at"),
    (Feelings, "dossier_id", "updated_at"),
    (ProgressAxis, "dossier_id", "created_at"),
    (FeedbackRequest, "dossier_id", "created_at"),
    (Meeting, "dossier_id", "updated_at"),
    (Question, "dossier_id", "updated_at"),
    (Record, "dossier_id", "updated_at"),
    (SynthesisVersion, "synthesis__dossier_id", "created_at"),
)

# Models whose saves and deletions change what the status shows, and how to reach the dossier.
WATCHED: tuple[tuple[type[models.Model], str], ...] = (
    (Dossier, "pk"),
    *((model, "dossier_id") for model, path, _field in ACTIVITY_SOURCES if path == "dossier_id"),
    (Answer, "request.dossier_id"),
    (Synthesis, "dossier_id"),
    (SynthesisVersion, "synthesis.dossier_id"),
    (Enrolment, "dossier_id"),
)


def _last_activity(dossier: Dossier) -> dt.datetime:
    latest = [dossier.updated_at]
    for model, path, field in ACTIVITY_SOURCES:
        value = model._default_manager.filter(**{path: dossier.pk}).aggregate(m=Max(field))["m"]
        if value is not None:
            latest.append(value)
    return max(latest)


def dossier_status_compute(dossier: Dossier) -> dict[str, Any]:
    summary = plan_summary(dossier=dossier)
    # People other than the intern, requests not withdrawn: answered never exceeds requested.
    requests = FeedbackRequest.objects.filter(dossier=dossier, revoked_at__isnull=True).exclude(
        email__iexact=dossier.owner.email
    )
    meeting = Meeting.objects.filter(dossier=dossier).only("starts_at").first()
    return {
        "readiness": dossier_checklist(dossier).percent,
        "objectives_total": summary.total,
        "objectives_reviewed": summary.reviewed,
        "feedback_requested": requests.count(),
        "feedback_answered": requests.filter(answered_at__isnull=False).count(),
        "tutor_evaluation_received": requests.filter(
            relationship=FeedbackRequest.Relationship.TUTOR, answered_at__isnull=False
        ).exists(),
        "meeting_at": meeting.starts_at if meeting else None,
        "last_activity_at": _last_activity(dossier),
    }


def dossier_status_refresh(dossier: Dossier) -> DossierStatus:
    """Recompute the dossier's row from its parts (whether enrolled or not: the caller decides)."""
    values = dossier_status_compute(dossier)
    status, _created = DossierStatus.objects.update_or_create(dossier=dossier, defaults=values)
    return status


def dossier_statuses_refresh(dossier_ids: Iterable[int]) -> int:
    """Refresh the enrolled ones among these dossiers; returns how many were refreshed."""
    enrolled = Enrolment.objects.filter(dossier_id__in=set(dossier_ids)).values_list(
        "dossier_id", flat=True
    )
    count = 0
    for dossier in Dossier.objects.filter(pk__in=list(enrolled)).select_related("owner"):
        dossier_status_refresh(dossier)
        count += 1
    return count


# --- Refresh on commit -----------------------------------------------------------------------

_pending = threading.local()  # connections are per thread, and so are their transactions


def _pending_ids() -> set[int]:
    if not hasattr(_pending, "ids"):
        _pending.ids = set()
    ids: set[int] = _pending.ids
    return ids


def _flush() -> None:
    ids = _pending_ids()
    if not ids:
        return
    batch = set(ids)
    ids.clear()
    dossier_statuses_refresh(batch)


def dossier_status_schedule(dossier_id: int | None) -> None:
    """Note the dossier; its status is refreshed once when the current transaction commits."""
    if dossier_id is None:
        return
    _pending_ids().add(dossier_id)
    # A callback per save, but the first to run takes every noted id and the others find none:
    # once per dossier per transaction, and a rolled-back inner block (which drops its own
    # callbacks) cannot leave the ids of the writes that survive it without a refresh.
    # robust: a failed refresh is logged, never turned into an error on the intern's save.
    transaction.on_commit(_flush, robust=True)


def _dossier_id_of(instance: models.Model, path: str) -> int | None:
    value: Any = instance
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return int(value)


def status_signals_connect() -> None:
    from django.db.models.signals import post_delete, post_save

    for model, path in WATCHED:

        def changed(
            sender: type[models.Model], instance: models.Model, _path: str = path, **kwargs: Any
        ) -> None:
            if kwargs.get("raw"):  # fixtures being loaded
                return
            dossier_status_schedule(_dossier_id_of(instance, _path))

        post_save.connect(
            changed,
            sender=model,
            weak=False,
            dispatch_uid=f"schools.status.{model._meta.label}.save",
        )
        post_delete.connect(
            changed,
            sender=model,
            weak=False,
            dispatch_uid=f"schools.status.{model._meta.label}.delete",
        )
