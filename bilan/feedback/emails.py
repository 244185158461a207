"""E-mails to raters, written in each rater's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from bilan.dossiers.models import Dossier

from .models import FeedbackRequest


def public_link(token: str) -> str:
    return settings.SITE_URL + reverse("feedback_public:notice", args=[token])


def _intern_name(feedback_request: FeedbackRequest) -> str:
    owner = feedback_request.dossier.owner
    return owner.get_full_name() or owner.email


@dataclass(frozen=True)
class MeetingInvite:
    """The review meeting as the tutor's invitation shows it: when, where, and the .ics file."""

    starts_at: dt.datetime
    place: str
    ics: str


# The meeting app sits above this one: it passes its provider in at start-up
# (MeetingConfig.ready) instead of this app importing it. Without it, no meeting is shown.
MeetingSource = Callable[[Dossier], MeetingInvite | None]
_meeting_source: MeetingSource | None = None


def meeting_source_set(source: MeetingSource | None) -> None:
    global _meeting_source
    _meeting_source = source


def meeting_invite(*, dossier: Dossier) -> MeetingInvite | None:
    """The meeting in the active language (the .ics summary is translated), if one is set."""
    return _meeting_source(dossier) if _meeting_source is not None else None


def rater_message(*, feedback_request: FeedbackRequest, token: str, reminder: bool) -> EmailMessage:
    with translation.override(feedback_request.language):
        intern = _intern_name(feedback_request)
        meeting = (
            meeting_invite(dossier=feedback_request.dossier) if feedback_request.is_tutor else None
        )
        context = {
            "feedback_request": feedback_request,
            "intern": intern,
            "dossier": feedback_request.dossier,
            "link": public_link(token),
            "reminder": reminder,
            "meeting": meeting,
        }
        if reminder:
            subject = _("Rappel : votre retour sur le stage de %(name)s") % {"name": intern}
        else:
            subject = _("%(name)s vous demande un retour sur son stage") % {"name": intern}
        body = render_to_string("feedback/email/rater.txt", context)
        message = EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[f"{feedback_request.name} <{feedback_request.email}>"],
            headers={
                "Content-Language": feedback_request.language,
                "Auto-Submitted": "auto-generated",
            },
        )
        if meeting is not None:
            message.attach("bilan.ics", meeting.ics, "text/calendar; method=PUBLISH; charset=utf-8")
        return message
