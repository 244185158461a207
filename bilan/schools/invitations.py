"""Invitations to enrolled interns: a personal link by e-mail, sent by the worker.

The token is e-mailed once and stored only as its hash (`bilan/core/public.py`), with its own
purpose prefix so that it never opens a feedback request. Each sending replaces the link. The
link opens a page where the intern creates their account (or logs in); their dossier is then
created from the enrolment's data, or their own dossier for that internship is linked.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bilan.accounts.models import User
from bilan.core.public import LinkRefused, token_hash, token_new, token_well_formed
from bilan.dossiers.models import Dossier

from .enrolment import enrolment_dossier_attach
from .models import Enrolment

TOKEN_PURPOSE = "enrolment:"  # noqa: S105 — a hash prefix, not a secret


def invitation_days() -> int:
    return int(settings.BILAN_ENROLMENT_INVITATION_DAYS)


def invitation_link(token: str) -> str:
    return settings.SITE_URL + reverse("enrolment:invitation", args=[token])


def invitation_expires_at(enrolment: Enrolment) -> dt.datetime | None:
    if enrolment.invited_at is None:
        return None
    return enrolment.invited_at + dt.timedelta(days=invitation_days())


def invitation_message(
    *, enrolment: Enrolment, token: str, invited_by: User | None = None
) -> EmailMessage:
    """The e-mail in the organisation's language."""
    cohort = enrolment.cohort
    organisation = cohort.programme.organisation
    language = organisation.default_language
    with translation.override(language):
        context = {
            "enrolment": enrolment,
            "cohort": cohort,
            "organisation": organisation,
            "invited_by": (invited_by.get_full_name() or invited_by.email) if invited_by else "",
            "link": invitation_link(token),
            "expires_at": invitation_expires_at(enrolment),
        }
        subject = _(
            "%(organisation)s vous inscrit sur Bilan pour préparer votre bilan de stage"
        ) % {"organisation": organisation.name}
        body = render_to_string("schools/enrol/email/invitation.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[enrolment.email],
        reply_to=[organisation.contact_email] if organisation.contact_email else None,
        headers={"Content-Language": language, "Auto-Submitted": "auto-generated"},
    )


@transaction.atomic
def enrolment_invitation_send(*, enrolment_id: int, invited_by_id: int | None = None) -> bool:
    """Run by the worker: mail a new link, then store its hash (if the mail fails, nothing
    changes and the job is retried). Skipped once the intern has joined."""
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("cohort__programme__organisation")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None or enrolment.dossier_id is not None:
        return False
    invited_by = User.objects.filter(pk=invited_by_id).first() if invited_by_id else None
    token = token_new()
    enrolment.invited_at = timezone.now()
    invitation_message(enrolment=enrolment, token=token, invited_by=invited_by).send()
    enrolment.invitation_token_hash = token_hash(token, purpose=TOKEN_PURPOSE)
    enrolment.save(update_fields=["invitation_token_hash", "invited_at", "updated_at"])
    return True


def enrolment_for_invitation(token: str) -> Enrolment:
    """The enrolment a link opens, or LinkRefused("invalid" | "expired" | "used")."""
    if not token_well_formed(token):
        raise LinkRefused("invalid")
    enrolment = (
        Enrolment.objects.select_related("cohort__programme__organisation", "dossier")
        .filter(invitation_token_hash=token_hash(token, purpose=TOKEN_PURPOSE))
        .first()
    )
    if enrolment is None:
        raise LinkRefused("invalid")
    if enrolment.dossier_id is not None:
        raise LinkRefused("used")
    expires_at = invitation_expires_at(enrolment)
    if expires_at is None or expires_at < timezone.now():
        raise LinkRefused("expired")
    return enrolment


@transaction.atomic
def invitation_accept(*, enrolment: Enrolment, user: User) -> Dossier:
    """The intern holding the link joins: their dossier is created (or theirs linked) once."""
    locked = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("cohort__programme__organisation", "referent")
        .get(pk=enrolment.pk)
    )
    if locked.dossier is not None:
        if locked.dossier.owner_id != user.pk:
            raise LinkRefused("used")
        return locked.dossier
    already = (
        Enrolment.objects.filter(cohort_id=locked.cohort_id, user=user, dossier__isnull=False)
        .exclude(pk=locked.pk)
        .exists()
    )
    if already:
        # Joined with the code under another address: a second dossier would be a duplicate.
        raise ValidationError(
            _("Votre compte est déjà inscrit dans la promotion « %(cohort)s ».")
            % {"cohort": locked.cohort.name}
        )
    dossier, _created = enrolment_dossier_attach(enrolment=locked, user=user)
    # The link has done its work: it opens nothing any more.
    locked.invitation_token_hash = None
    locked.save(update_fields=["invitation_token_hash", "updated_at"])
    return dossier
