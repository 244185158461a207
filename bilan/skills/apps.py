from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "bilan.skills"
    verbose_name = _("Compétences")

    def ready(self) -> None:
        from . import jobs  # noqa: F401 — registers the background job handlers
