from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Personal data (RGPD): export, import, erasure, retention, backups, the privacy page."""

    name = "bilan.privacy"
    verbose_name = _("Données personnelles")

    def ready(self) -> None:
        from . import jobs  # noqa: F401 — registers the job handlers and the daily purge
