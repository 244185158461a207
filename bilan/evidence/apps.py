from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "bilan.evidence"
    verbose_name = _("Traces")

    def ready(self) -> None:
        from . import jobs  # noqa: F401 — registers the background job handlers
