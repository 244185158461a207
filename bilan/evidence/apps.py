from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "bilan.evidence"
    verbose_name = _("Traces")

    def ready(self) -> None:
        from bilan.skills.services import suggestion_passages_register

        from . import jobs  # noqa: F401 — registers the background job handlers
        from .suggestions import trace_passages

        # The skills app sits below this one: its suggestions read what this app holds.
        suggestion_passages_register(trace_passages)
