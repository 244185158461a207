from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingConfig(AppConfig):
    """The review meeting: agenda, questions for the tutor, printable pack, confirmed record."""

    name = "bilan.meeting"
    verbose_name = _("Entretien de bilan")

    def ready(self) -> None:
        from . import jobs  # noqa: F401 — registers the background job handlers
