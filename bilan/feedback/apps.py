from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """Feedback from the tutor and colleagues, by personal link, without an account."""

    name = "bilan.feedback"
    verbose_name = _("Retours du tuteur et des collègues")

    def ready(self) -> None:
        from bilan.skills.services import suggestion_passages_register

        from . import jobs  # noqa: F401 — registers the background job handlers
        from .suggestions import feedback_passages

        # The skills app sits below this one: its suggestions read what this app holds.
        suggestion_passages_register(feedback_passages)
