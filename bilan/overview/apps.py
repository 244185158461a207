from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverviewConfig(AppConfig):
    name = "bilan.overview"
    verbose_name = _("Vue d'ensemble")
