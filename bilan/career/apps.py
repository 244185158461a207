from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareerConfig(AppConfig):
    """After the internship: CV lines, interview stories, JSON Resume, a recommendation."""

    name = "bilan.career"
    verbose_name = _("Après le stage")
