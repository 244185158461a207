"""Workflows of the review meeting: questions, the record, the tutor's confirmation link."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from bilan.core.edits import edit_claim
from bilan.core.ordering import position_move
from bilan.core.public import LinkRefused, token_hash, token_new, token_well_formed
from bilan.dossiers.models import Dossier
from bilan.feedback.emails import MeetingInvite
from bilan.jobs.services import job_enqueue

from . import emails
from .contact import tutor_contact
from .ics import meeting_ics
from .models import Meeting, Question, Record
from .proposals import questions_propose

JOB_SEND = "meeting.record_send"
MAX_QUESTIONS = 40
DEFAULT_LINK_DAYS = 14


def link_days() -> int:
    return int(getattr(settings, "BILAN_MEETING_LINK_DAYS", DEFAULT_LINK_DAYS))


# --- Date and place -------------------------------------------------------------------------


def meeting_get(*, dossier: Dossier) -> Meeting | None:
    return Meeting.objects.filter(dossier=dossier).first()


@transaction.atomic
def meeting_set(
    *, dossier: Dossier, starts_at: dt.datetime, duration_minutes: int = 60, place: str = ""
) -> Meeting:
    meeting = meeting_get(dossier=dossier) or Meeting(dossier=dossier, starts_at=starts_at)
    meeting.starts_at, meeting.duration_minutes, meeting.place = (
        starts_at,
        duration_minutes,
        place.strip(),
    )
    meeting.full_clean()
    meeting.save()
    return meeting


def meeting_invite(dossier: Dossier) -> MeetingInvite | None:
    """The meeting as the feedback app's tutor invitation carries it (see MeetingConfig.ready)."""
    meeting = meeting_get(dossier=dossier)
    if meeting is None:
        return None
    return MeetingInvite(
        starts_at=meeting.starts_at,
        place=meeting.place,
        ics=meeting_ics(dossier=dossier, meeting=meeting),
    )


@transaction.atomic
def meeting_clear(*, dossier: Dossier) -> None:
    Meeting.objects.filter(dossier=dossier).delete()


# --- Questions -----------------------------------------------------------------------------


def meeting_questions(*, dossier: Dossier) -> list[Question]:
    return list(Question.objects.filter(dossier=dossier))


def meeting_has_future_question(*, dossier: Dossier) -> bool:
    return Question.objects.filter(dossier=dossier, topic=Question.Topic.FUTURE).exists()


@transaction.atomic
def meeting_question_add(
    *, dossier: Dossier, text: str, topic: str, proposal_key: str = ""
) -> Question:
    if Question.objects.filter(dossier=dossier).count() >= MAX_QUESTIONS:
        raise ValidationError(
            _("Vous avez déjà %(limit)d questions : gardez les plus importantes.")
            % {"limit": MAX_QUESTIONS}
        )
    last = Question.objects.filter(dossier=dossier).aggregate(m=Max("position"))["m"]
    question = Question(
        dossier=dossier,
        text=text.strip(),
        topic=topic,
        proposal_key=proposal_key,
        position=0 if last is None else last + 1,
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def meeting_question_pick(*, dossier: Dossier, key: str) -> Question:
    """Keep one of the current proposals, looked up again: the key alone is trusted."""
    proposal = next((p for p in questions_propose(dossier=dossier) if p.key == key), None)
    if proposal is None:
        raise ValidationError(_("Cette proposition n'est plus disponible."))
    return meeting_question_add(
        dossier=dossier, text=proposal.text, topic=proposal.topic, proposal_key=proposal.key
    )


@transaction.atomic
def meeting_question_update(
    *, question: Question, text: str, topic: str, version: str | None = None
) -> Question:
    edit_claim(instance=question, version=version, fields=("text",))
    question.text, question.topic = text.strip(), topic
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def meeting_question_move(*, question: Question, offset: int) -> None:
    """Swap with the neighbour above (offset -1) or below (+1); renumbers from 0."""
    position_move(
        item=question,
        siblings=Question.objects.filter(dossier_id=question.dossier_id),
        offset=offset,
    )


@transaction.atomic
def meeting_question_delete(*, question: Question) -> None:
    question.delete()


# --- The record ------------------------------------------------------------------------------


def meeting_record_get(*, dossier: Dossier) -> Record:
    """The dossier's record, unsaved and empty until the intern writes it."""
    return Record.objects.filter(dossier=dossier).first() or Record(dossier=dossier)


def _frozen_error() -> ValidationError:
    return ValidationError(
        _(
            "Le compte rendu a été confirmé par vous et par votre tuteur : "
            "il ne peut plus être modifié."
        )
    )


@transaction.atomic
def meeting_record_update(
    *,
    dossier: Dossier,
    tutor_said: str = "",
    agreed_axes: str = "",
    next_steps: str = "",
    recommendation: str = Record.Recommendation.UNDECIDED,
    version: str | None = None,
) -> Record:
    """Save the content; any change voids both confirmations and the tutor's pending link.

    ``version``: what the form was loaded from (see bilan.core.edits); None skips the check.
    """
    record = Record.objects.select_for_update().filter(dossier=dossier).first()
    record = record or Record(dossier=dossier)
    if record.is_frozen:
        raise _frozen_error()
    edit_claim(instance=record, version=version, fields=("tutor_said", "agreed_axes", "next_steps"))
    values = {
        "tutor_said": tutor_said.strip(),
        "agreed_axes": agreed_axes.strip(),
        "next_steps": next_steps.strip(),
        "recommendation": recommendation,
    }
    if record.pk and all(getattr(record, name) == value for name, value in values.items()):
        return record
    for name, value in values.items():
        setattr(record, name, value)
    if record.pk:
        record.version += 1
    record.intern_confirmed_at = record.intern_confirmed_version = None
    record.tutor_confirmed_at = None
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def meeting_record_confirm(*, dossier: Dossier) -> Record:
    """The intern confirms this version; the tutor's link is e-mailed by the worker."""
    record = Record.objects.select_for_update().filter(dossier=dossier).first()
    if record is None or record.is_empty:
        raise ValidationError(_("Rédigez le compte rendu avant de le confirmer."))
    if record.is_frozen:
        raise _frozen_error()
    if tutor_contact(dossier=dossier) is None:
        raise ValidationError(
            _("Indiquez l'e-mail de votre tuteur dans le dossier pour qu'il puisse confirmer.")
        )
    record.intern_confirmed_at = timezone.now()
    record.intern_confirmed_version = record.version
    record.correction_comment = ""
    record.correction_requested_at = None
    record.save()
    job_enqueue(kind=JOB_SEND, payload={"record_id": record.pk, "version": record.version})
    return record


@transaction.atomic
def meeting_record_send(*, record_id: int, version: int) -> bool:
    """Run by the worker: a fresh link for this version, unless the record moved on since."""
    record = (
        Record.objects.select_for_update()
        .select_related("dossier__owner")
        .filter(pk=record_id)
        .first()
    )
    if (
        record is None
        or record.is_frozen
        or record.version != version
        or record.intern_confirmed_version != version
    ):
        return False
    contact = tutor_contact(dossier=record.dossier)
    if contact is None:
        return False
    now = timezone.now()
    token = token_new()
    record.link_expires_at = now + dt.timedelta(days=link_days())
    # Mail first, then store the hash: if sending fails, the job retries with a new token.
    emails.record_message(record=record, contact=contact, token=token).send()
    record.token_hash = record_token_hash(token)
    record.link_version = version
    record.link_sent_at = now
    record.link_used_at = None
    record.save(
        update_fields=[
            "token_hash",
            "link_version",
            "link_expires_at",
            "link_sent_at",
            "link_used_at",
        ]
    )
    return True


# --- The tutor's side ------------------------------------------------------------------------


# The hash is taken over a purpose prefix, so a token can never open anything but a meeting
# record, even if the same random string were ever issued by another part of Bilan.
TOKEN_PURPOSE = "meeting-record:"  # noqa: S105 — a hash prefix, not a secret


def record_token_hash(token: str) -> str:
    return token_hash(token, purpose=TOKEN_PURPOSE)


def _check_link(record: Record) -> None:
    if record.is_frozen:
        raise LinkRefused("frozen")
    if record.link_used_at is not None:
        raise LinkRefused("used")
    if record.link_version != record.version or record.intern_confirmed_version != record.version:
        raise LinkRefused("outdated")
    if record.link_expires_at is None or record.link_expires_at <= timezone.now():
        raise LinkRefused("expired")


def meeting_record_for_token(token: str) -> Record:
    if not token_well_formed(token):
        raise LinkRefused("invalid")
    record = (
        Record.objects.select_related("dossier__owner")
        .filter(token_hash=record_token_hash(token))
        .first()
    )
    if record is None:
        raise LinkRefused("invalid")
    _check_link(record)
    return record


def _lock(record: Record) -> Record:
    locked = Record.objects.select_for_update().select_related("dossier").get(pk=record.pk)
    _check_link(locked)
    return locked


@transaction.atomic
def meeting_record_tutor_confirm(*, record: Record) -> Record:
    """Both have confirmed the same version: the record is frozen and timestamped."""
    locked = _lock(record)
    now = timezone.now()
    locked.tutor_confirmed_at = now
    locked.link_used_at = now
    locked.frozen_at = now
    locked.save(update_fields=["tutor_confirmed_at", "link_used_at", "frozen_at", "updated_at"])
    return locked


@transaction.atomic
def meeting_record_tutor_correct(*, record: Record, comment: str) -> Record:
    """The tutor asks for a correction: the intern edits, confirms and sends again."""
    if not comment.strip():
        raise ValidationError(_("Indiquez ce qui doit être corrigé."))
    locked = _lock(record)
    now = timezone.now()
    locked.correction_comment = comment.strip()
    locked.correction_requested_at = now
    locked.link_used_at = now
    locked.intern_confirmed_at = locked.intern_confirmed_version = None
    locked.save()
    return locked
