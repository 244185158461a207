from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    """The school's side: organisations, programmes, cohorts, referents, enrolments."""

    name = "bilan.schools"
    verbose_name = _("Écoles et promotions")

    def ready(self) -> None:
        from . import jobs_enrol  # noqa: F401 — registers the invitation e-mail job
