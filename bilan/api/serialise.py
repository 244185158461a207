"""Model instances to the API's objects, and the querysets they are read from.

Every queryset starts from the token's organisation: an object of another organisation is
simply not found (404), so its existence is never revealed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce, Greatest

from bilan.schools.models import Cohort, DossierStatus, Enrolment, Organisation, Programme

from .models import ApiToken


def organisations(token: ApiToken) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk=token.organisation_id)


def programmes(token: ApiToken) -> QuerySet[Programme]:
    return Programme.objects.filter(organisation_id=token.organisation_id)


def cohorts(token: ApiToken) -> QuerySet[Cohort]:
    return Cohort.objects.filter(programme__organisation_id=token.organisation_id)


def enrolments(token: ApiToken) -> QuerySet[Any]:
    """With `sync_at`, the later of the enrolment's and its dossier status's last change, and
    `readiness_value` (0 until the intern has joined: nothing done yet)."""
    return (
        Enrolment.objects.filter(cohort__programme__organisation_id=token.organisation_id)
        .select_related("referent", "dossier__school_status", "submitted_version")
        .annotate(
            sync_at=Greatest(
                "updated_at", Coalesce("dossier__school_status__updated_at", "updated_at")
            ),
            readiness_value=Coalesce("dossier__school_status__readiness", Value(0)),
        )
    )


def organisation_out(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "kind": organisation.kind,
        "default_language": organisation.default_language,
        "contact_email": organisation.contact_email,
        "created_at": organisation.created_at,
        "updated_at": organisation.updated_at,
    }


def programme_out(programme: Programme) -> dict[str, Any]:
    return {
        "id": programme.pk,
        "organisation_id": programme.organisation_id,
        "name": programme.name,
        "level": programme.level,
        "created_at": programme.created_at,
        "updated_at": programme.updated_at,
    }


def cohort_out(cohort: Cohort) -> dict[str, Any]:
    return {
        "id": cohort.pk,
        "programme_id": cohort.programme_id,
        "name": cohort.name,
        "year": cohort.year,
        "join_code": cohort.join_code,
        "join_open": cohort.join_open,
        "created_at": cohort.created_at,
        "updated_at": cohort.updated_at,
    }


def _status_row(enrolment: Enrolment) -> DossierStatus | None:
    if enrolment.dossier_id is None or enrolment.dossier is None:
        return None
    try:
        return enrolment.dossier.school_status
    except ObjectDoesNotExist:
        return None


def status_out(enrolment: Enrolment) -> dict[str, Any] | None:
    """Only what the school sees by default, and the tutor's evaluation if the intern shares it;
    None until the intern has joined."""
    if enrolment.dossier_id is None:
        return None
    row = _status_row(enrolment)
    stamps: list[dt.datetime] = [enrolment.updated_at]
    if row is not None:
        stamps.append(row.updated_at)
    tutor_evaluation = bool(row and row.tutor_evaluation_received)
    return {
        "enrolment_id": enrolment.pk,
        "readiness": row.readiness if row else 0,
        "objectives_total": row.objectives_total if row else 0,
        "objectives_reviewed": row.objectives_reviewed if row else 0,
        "feedback_requested": row.feedback_requested if row else 0,
        "feedback_answered": row.feedback_answered if row else 0,
        "tutor_evaluation_received": (
            tutor_evaluation if enrolment.share_tutor_evaluation else None
        ),
        "meeting_at": row.meeting_at if row else None,
        "synthesis_submitted": enrolment.submitted_version_id is not None,
        "synthesis_submitted_at": (
            enrolment.submitted_at if enrolment.submitted_version_id is not None else None
        ),
        "updated_at": max(stamps),
    }


def enrolment_out(enrolment: Enrolment) -> dict[str, Any]:
    return {
        "id": enrolment.pk,
        "cohort_id": enrolment.cohort_id,
        "email": enrolment.email,
        "first_name": enrolment.first_name,
        "last_name": enrolment.last_name,
        "referent_email": enrolment.referent.email if enrolment.referent else None,
        "company": enrolment.company,
        "service": enrolment.service,
        "start": enrolment.start_date,
        "end": enrolment.end_date,
        "tutor_name": enrolment.tutor_name,
        "tutor_email": enrolment.tutor_email,
        "invited_at": enrolment.invited_at,
        "joined_at": enrolment.joined_at if enrolment.dossier_id else None,
        "status": status_out(enrolment),
        "created_at": enrolment.created_at,
        "updated_at": getattr(enrolment, "sync_at", None) or enrolment.updated_at,
    }
