from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RehearsalConfig(AppConfig):
    """Rehearsing the review: a timed outline of the talk, likely questions, cue cards, notes."""

    name = "bilan.rehearsal"
    verbose_name = _("Répétition de l'entretien")
