"""Writes of the organisation's settings page: details, language, retention, reminders."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction

from bilan.core.services import model_update

from .models import Organisation

DETAIL_FIELDS = (
    "name",
    "kind",
    "address",
    "contact_email",
    "signatory_name",
    "signatory_role",
    "default_language",
)
POLICY_FIELDS = ("retention_days", "reminder_after_days", "reminder_max", "rater_answer_policy")


@transaction.atomic
def organisation_details_update(*, organisation: Organisation, data: Mapping[str, Any]) -> bool:
    return model_update(instance=organisation, fields=DETAIL_FIELDS, data=data)


@transaction.atomic
def organisation_policy_update(*, organisation: Organisation, data: Mapping[str, Any]) -> bool:
    return model_update(instance=organisation, fields=POLICY_FIELDS, data=data)


def organisation_retention_days(organisation: Organisation) -> int:
    """The organisation's period, else the instance's (for the retention purge)."""
    if organisation.retention_days is not None:
        return organisation.retention_days
    return int(settings.BILAN_RETENTION_DAYS)
