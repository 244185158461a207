"""An organisation's reminder policy for the feedback requests of its interns' dossiers.

The feedback app sits below this one and cannot ask for the organisation: SchoolsConfig.ready()
hands it `dossier_reminder_days`. A dossier that is not enrolled, or an organisation that set
nothing, keeps the instance's BILAN_FEEDBACK_REMINDER_DAYS.
"""

from __future__ import annotations

from django.conf import settings

from bilan.dossiers.models import Dossier

from .models import Organisation

# Without any instance setting, a first reminder after this many days.
FALLBACK_AFTER_DAYS = 3


def policy_days(
    *, after_days: int | None, count: int | None, instance_days: list[int]
) -> list[int]:
    """Reminder days: one every ``after_days`` days, ``count`` times (0: no reminder).

    A policy with only one of the two takes the other from the instance: its first reminder
    day as the interval, its number of reminders as the count.
    """
    interval = after_days or (instance_days[0] if instance_days else FALLBACK_AFTER_DAYS)
    times = len(instance_days) if count is None else count
    return [interval * (index + 1) for index in range(times)]


def organisation_reminder_days(organisation: Organisation) -> list[int] | None:
    if organisation.reminder_after_days is None and organisation.reminder_max is None:
        return None
    return policy_days(
        after_days=organisation.reminder_after_days,
        count=organisation.reminder_max,
        instance_days=[int(day) for day in settings.BILAN_FEEDBACK_REMINDER_DAYS],
    )


def dossier_reminder_days(dossier: Dossier) -> list[int] | None:
    """The policy of the organisation the dossier is enrolled with, or None for the instance's."""
    organisation = Organisation.objects.filter(
        programmes__cohorts__enrolments__dossier=dossier
    ).first()
    return organisation_reminder_days(organisation) if organisation is not None else None
