from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WritingConfig(AppConfig):
    """The writing coach in the web app: reviews of any long text, readiness of a dossier."""

    name = "bilan.writing"
    verbose_name = _("Coach d'écriture")

    def ready(self) -> None:
        from . import jobs  # noqa: F401 — registers the background job handlers
