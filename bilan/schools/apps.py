from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    """The school's side: organisations, programmes, cohorts, referents, enrolments."""

    name = "bilan.schools"
    verbose_name = _("Écoles et promotions")

    def ready(self) -> None:
        from bilan.feedback import services as feedback_services

        from . import jobs_enrol  # noqa: F401 — registers the invitation e-mail job
        from .reminders import dossier_reminder_days

        # The feedback app sits below this one: the organisation's reminder policy comes in
        # from here, the instance's setting stays its fallback.
        feedback_services.reminder_policy_set(dossier_reminder_days)
