from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingConfig(AppConfig):
    """The review meeting: agenda, questions for the tutor, printable pack, confirmed record."""

    name = "bilan.meeting"
    verbose_name = _("Entretien de bilan")

    def ready(self) -> None:
        from bilan.feedback import emails as feedback_emails

        from . import jobs  # noqa: F401 — registers the background job handlers
        from .services import meeting_invite

        # The feedback app sits below this one: the tutor's invitation gets the meeting from here.
        feedback_emails.meeting_source_set(meeting_invite)
