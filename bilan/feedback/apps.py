from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """Feedback from the tutor and colleagues, by personal link, without an account."""

    name = "bilan.feedback"
    verbose_name = _("Retours du tuteur et des collègues")

    def ready(self) -> None:
        from . import jobs  # noqa: F401 — registers the background job handlers
