"""The record confirmation e-mail to the tutor, in the tutor's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .contact import TutorContact
from .ics import intern_name
from .models import Record


def public_link(token: str) -> str:
    return settings.SITE_URL + reverse("meeting_public:record", args=[token])


def record_message(*, record: Record, contact: TutorContact, token: str) -> EmailMessage:
    dossier = record.dossier
    with translation.override(contact.language):
        intern = intern_name(dossier)
        context = {
            "contact": contact,
            "intern": intern,
            "dossier": dossier,
            "record": record,
            "link": public_link(token),
        }
        subject = _("Compte rendu de l'entretien de bilan de %(name)s : à confirmer") % {
            "name": intern
        }
        return EmailMessage(
            subject=subject,
            body=render_to_string("meeting/email/record.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[f"{contact.name} <{contact.email}>"],
            headers={"Content-Language": contact.language, "Auto-Submitted": "auto-generated"},
        )
