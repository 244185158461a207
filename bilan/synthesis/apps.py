from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SynthesisConfig(AppConfig):
    name = "bilan.synthesis"
    verbose_name = _("Synthèse")

    def ready(self) -> None:
        from . import coach_texts  # noqa: F401 — registers the synthesis with the coach panel
