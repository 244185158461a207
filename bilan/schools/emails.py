"""E-mails of the school side, written in the organisation's language."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from bilan.accounts.models import User

from .models import Membership


def password_link(user: User) -> str:
    """Django's password-reset link: it works once, and stops when the password changes."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return settings.SITE_URL + path


def member_welcome_message(*, membership: Membership, added_by: User | None) -> EmailMessage:
    organisation = membership.organisation
    user = membership.user
    language = user.language or organisation.default_language
    with translation.override(language):
        context = {
            "organisation": organisation,
            "membership": membership,
            "role": membership.get_role_display(),
            "added_by": (added_by.get_full_name() or added_by.email) if added_by else "",
            "link": password_link(user),
            "login": settings.SITE_URL + reverse("accounts:login"),
        }
        subject = _("Votre accès à l'espace %(name)s sur Bilan") % {"name": organisation.name}
        body = render_to_string("schools/school/email/member_welcome.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={"Content-Language": language, "Auto-Submitted": "auto-generated"},
    )


def member_welcome_send(*, membership_id: int, added_by_id: int | None) -> bool:
    """Run by the worker. Nothing is sent once the person has chosen a password."""
    membership = (
        Membership.objects.select_related("organisation", "user").filter(pk=membership_id).first()
    )
    if membership is None or membership.user.has_usable_password():
        return False
    added_by = User.objects.filter(pk=added_by_id).first() if added_by_id else None
    member_welcome_message(membership=membership, added_by=added_by).send()
    return True
