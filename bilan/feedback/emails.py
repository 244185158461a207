"""E-mails to raters, written in each rater's language."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import ics
from .models import FeedbackRequest, Meeting


def public_link(token: str) -> str:
    return settings.SITE_URL + reverse("feedback_public:notice", args=[token])


def _intern_name(feedback_request: FeedbackRequest) -> str:
    owner = feedback_request.dossier.owner
    return owner.get_full_name() or owner.email


def meeting_attachment(*, meeting: Meeting, intern: str, organisation: str) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "bilan.local"
    return ics.event_ics(
        uid=f"bilan-meeting-{meeting.dossier_id}@{host}",
        starts_at=meeting.starts_at,
        ends_at=meeting.starts_at + dt.timedelta(minutes=meeting.duration_minutes),
        summary=_("Bilan de fin de stage — %(name)s") % {"name": intern},
        location=meeting.place,
        description=_("Entretien de bilan de fin de stage de %(name)s (%(organisation)s).")
        % {"name": intern, "organisation": organisation},
        stamp=meeting.updated_at or timezone.now(),
    )


def rater_message(
    *, feedback_request: FeedbackRequest, token: str, reminder: bool, meeting: Meeting | None
) -> EmailMessage:
    with translation.override(feedback_request.language):
        intern = _intern_name(feedback_request)
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
        if meeting is not None and feedback_request.is_tutor:
            message.attach(
                "bilan.ics",
                meeting_attachment(
                    meeting=meeting,
                    intern=intern,
                    organisation=feedback_request.dossier.organisation,
                ),
                "text/calendar; method=PUBLISH; charset=utf-8",
            )
        return message
