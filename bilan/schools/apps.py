from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    """The school's side: organisations, programmes, cohorts, referents, enrolments."""

    name = "bilan.schools"
    verbose_name = _("Écoles et promotions")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from bilan.feedback import services as feedback_services

        from . import (
            jobs,  # noqa: F401 — registers the background job handlers
            jobs_enrol,  # noqa: F401 — registers the invitation e-mail job
        )
        from .navigation import on_login
        from .reminders import dossier_reminder_days
        from .status import status_signals_connect

        # The feedback app sits below this one: the organisation's reminder policy comes in
        # from here, the instance's setting stays its fallback.
        feedback_services.reminder_policy_set(dossier_reminder_days)
        # The feature apps know nothing of schools: their saves reach DossierStatus this way.
        status_signals_connect()
        user_logged_in.connect(on_login, dispatch_uid="schools.navigation.on_login")
