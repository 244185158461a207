"""Workflows of the feedback round: invitations, links, answers, reminders, hidden skills."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bilan.core.public import LinkRefused, token_hash, token_new, token_well_formed
from bilan.dossiers.models import Dossier
from bilan.jobs.services import job_enqueue
from bilan.skills import services as skills_services
from bilan.skills.models import DossierSkill, Family

from . import discover, emails
from .models import Answer, Discovery, FeedbackRequest, Grid, Round

JOB_SEND = "feedback.send"
JOB_REMIND = "feedback.remind"
JOB_DISCOVER = "feedback.discover"
MAX_REQUESTS_PER_DOSSIER = 50
DEFAULT_GRID_KEY = "bilan-default"
PREVIEW_TOKEN = "preview"  # noqa: S105 — stands for the link in a preview, never stored


def link_days() -> int:
    return int(settings.BILAN_FEEDBACK_LINK_DAYS)


# An app above this one (schools: an organisation's reminder policy) may decide the reminder
# days of a dossier; it passes its function in at start-up (SchoolsConfig.ready). None from it,
# or no function at all, means the instance's BILAN_FEEDBACK_REMINDER_DAYS.
ReminderPolicy = Callable[[Dossier], "list[int] | None"]
_reminder_policy: ReminderPolicy | None = None


def reminder_policy_set(policy: ReminderPolicy | None) -> None:
    global _reminder_policy
    _reminder_policy = policy


def reminder_days(dossier: Dossier | None = None) -> list[int]:
    """Days after each sending when a reminder goes out, for this dossier."""
    if dossier is not None and _reminder_policy is not None:
        days = _reminder_policy(dossier)
        if days is not None:
            return [int(day) for day in days]
    return [int(day) for day in settings.BILAN_FEEDBACK_REMINDER_DAYS]


# --- Round settings --------------------------------------------------------------------------


def round_get(*, dossier: Dossier) -> Round:
    """The dossier's round, unsaved with the default grid until the intern changes it."""
    current = Round.objects.select_related("grid").filter(dossier=dossier).first()
    if current is None:
        current = Round(dossier=dossier, grid=Grid.objects.filter(key=DEFAULT_GRID_KEY).first())
    return current


@transaction.atomic
def round_update(*, dossier: Dossier, grid: Grid, scale: str) -> Round:
    current = round_get(dossier=dossier)
    current.grid, current.scale = grid, scale
    current.full_clean()
    current.save()
    return current


@transaction.atomic
def round_close(*, dossier: Dossier) -> Round:
    """Answers are final: every link stops working, pending reminders are skipped."""
    current = round_get(dossier=dossier)
    current.closed_at = timezone.now()
    current.save()
    return current


@transaction.atomic
def round_reopen(*, dossier: Dossier) -> Round:
    current = round_get(dossier=dossier)
    current.closed_at = None
    current.save()
    return current


# --- Requests --------------------------------------------------------------------------------


def _check_open(dossier: Dossier) -> None:
    if round_get(dossier=dossier).is_closed:
        raise ValidationError(
            _("La collecte des retours est close. Rouvrez-la pour envoyer de nouvelles demandes.")
        )


@transaction.atomic
def feedback_request_create(
    *,
    dossier: Dossier,
    name: str,
    email: str,
    relationship: str = FeedbackRequest.Relationship.COLLEAGUE,
    language: str = "fr",
    anonymous: bool = False,
    message: str = "",
    send: bool = True,
) -> FeedbackRequest:
    _check_open(dossier)
    active = dossier.feedback_requests.filter(revoked_at__isnull=True)
    if dossier.feedback_requests.count() >= MAX_REQUESTS_PER_DOSSIER:
        raise ValidationError(
            _("Un dossier peut contenir au plus %(limit)d demandes de retour.")
            % {"limit": MAX_REQUESTS_PER_DOSSIER}
        )
    if active.filter(email__iexact=email.strip()).exists():
        raise ValidationError(
            _("Une demande est déjà en cours pour %(email)s : renvoyez-la plutôt.")
            % {"email": email.strip()}
        )
    if anonymous and relationship == FeedbackRequest.Relationship.TUTOR:
        raise ValidationError(_("L'évaluation du tuteur ne peut pas être anonyme."))
    feedback_request = FeedbackRequest(
        dossier=dossier,
        name=name.strip(),
        email=email.strip(),
        relationship=relationship,
        language=language,
        anonymous=anonymous,
        message=message.strip(),
    )
    feedback_request.full_clean()
    feedback_request.save()
    if send:
        job_enqueue(kind=JOB_SEND, payload={"request_id": feedback_request.pk})
    return feedback_request


@transaction.atomic
def feedback_request_resend(*, feedback_request: FeedbackRequest) -> None:
    """A new link and a fresh expiry; the previous link stops working when it is sent."""
    _check_open(feedback_request.dossier)
    if feedback_request.revoked_at:
        raise ValidationError(
            _("Cette demande a été retirée : créez-en une nouvelle pour cette personne.")
        )
    job_enqueue(kind=JOB_SEND, payload={"request_id": feedback_request.pk})


@transaction.atomic
def feedback_request_revoke(*, feedback_request: FeedbackRequest) -> None:
    feedback_request.revoked_at = timezone.now()
    feedback_request.token_hash = None
    feedback_request.save(update_fields=["revoked_at", "token_hash"])


def _sendable(feedback_request: FeedbackRequest) -> bool:
    return (
        feedback_request.revoked_at is None
        and not round_get(dossier=feedback_request.dossier).is_closed
    )


@dataclass
class InvitationPreview:
    subject: str
    body: str


def feedback_request_preview(*, feedback_request: FeedbackRequest) -> InvitationPreview:
    """The e-mail as the person will receive it, for a request not saved yet; no link made."""
    draft = copy.copy(feedback_request)
    draft.expires_at = timezone.now() + dt.timedelta(days=link_days())
    with translation.override(draft.language):
        placeholder = _("[votre lien personnel, créé à l'envoi]")
    message = emails.rater_message(
        feedback_request=draft,
        token=PREVIEW_TOKEN,
        reminder=False,
    )
    body = str(message.body).replace(emails.public_link(PREVIEW_TOKEN), placeholder)
    return InvitationPreview(subject=str(message.subject), body=body)


def _deliver(feedback_request: FeedbackRequest, *, reminder: bool) -> None:
    """Mail a new link, then store its hash: if the mail fails, the old link still works."""
    token = token_new()
    message = emails.rater_message(
        feedback_request=feedback_request,
        token=token,
        reminder=reminder,
    )
    message.send()
    feedback_request.token_hash = token_hash(token)


@transaction.atomic
def feedback_request_send(*, request_id: int) -> bool:
    """Run by the worker: the invitation (or resend), then reminders are scheduled."""
    feedback_request = (
        FeedbackRequest.objects.select_for_update()
        .select_related("dossier__owner")
        .filter(pk=request_id)
        .first()
    )
    if feedback_request is None or not _sendable(feedback_request):
        return False
    now = timezone.now()
    feedback_request.expires_at = now + dt.timedelta(days=link_days())
    _deliver(feedback_request, reminder=False)
    feedback_request.sent_at = now
    feedback_request.send_count += 1
    feedback_request.save(update_fields=["token_hash", "expires_at", "sent_at", "send_count"])
    for day in reminder_days(feedback_request.dossier):
        job_enqueue(
            kind=JOB_REMIND,
            payload={"request_id": feedback_request.pk, "send": feedback_request.send_count},
            delay=dt.timedelta(days=day),
        )
    return True


@transaction.atomic
def feedback_request_remind(*, request_id: int, send: int) -> bool:
    """Run by the worker; skipped once answered, expired, revoked, closed or resent."""
    feedback_request = (
        FeedbackRequest.objects.select_for_update()
        .select_related("dossier__owner")
        .filter(pk=request_id)
        .first()
    )
    if (
        feedback_request is None
        or not _sendable(feedback_request)
        or feedback_request.answered_at
        or feedback_request.is_expired
        or feedback_request.send_count != send
        or feedback_request.reminders_sent >= len(reminder_days(feedback_request.dossier))
    ):
        return False
    _deliver(feedback_request, reminder=True)
    feedback_request.reminders_sent += 1
    feedback_request.save(update_fields=["token_hash", "reminders_sent"])
    return True


# --- The rater's side ------------------------------------------------------------------------


def feedback_request_for_token(token: str) -> FeedbackRequest:
    """The request a link opens, or LinkRefused("invalid" | "revoked" | "expired" | "closed")."""
    if not token_well_formed(token):
        raise LinkRefused("invalid")
    feedback_request = (
        FeedbackRequest.objects.select_related("dossier__owner")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if feedback_request is None:
        raise LinkRefused("invalid")
    if feedback_request.revoked_at:
        raise LinkRefused("revoked")
    if round_get(dossier=feedback_request.dossier).is_closed:
        raise LinkRefused("closed")
    if feedback_request.is_expired:
        raise LinkRefused("expired")
    return feedback_request


@transaction.atomic
def feedback_request_open(*, feedback_request: FeedbackRequest) -> None:
    if feedback_request.opened_at is None:
        feedback_request.opened_at = timezone.now()
        feedback_request.save(update_fields=["opened_at"])


ANSWER_TEXTS = ("strengths_other", "improve", "situation", "developed", "comment")


@transaction.atomic
def feedback_answer_submit(
    *,
    feedback_request: FeedbackRequest,
    strengths: Iterable[DossierSkill] = (),
    ratings: list[dict[str, str]] | None = None,
    host_again: str = "",
    offers_recommendation: bool = False,
    **texts: str,
) -> Answer:
    """First submission or amendment; refused once the round is closed or the link dead."""
    locked = FeedbackRequest.objects.select_for_update().get(pk=feedback_request.pk)
    if locked.revoked_at or locked.is_expired or round_get(dossier=locked.dossier).is_closed:
        raise PermissionDenied
    strengths = list(strengths)
    if any(item.dossier_id != locked.dossier_id for item in strengths):
        raise ValidationError(_("Compétence d'un autre dossier."))
    answer = Answer.objects.filter(request=locked).first() or Answer(request=locked)
    for name in ANSWER_TEXTS:
        setattr(answer, name, texts.get(name, "").strip())
    answer.ratings = ratings or []
    answer.host_again = host_again
    answer.offers_recommendation = offers_recommendation
    answer.full_clean()
    answer.save()
    answer.strengths.set(strengths)
    if locked.answered_at is None:
        locked.answered_at = timezone.now()
        locked.save(update_fields=["answered_at"])
    job_enqueue(kind=JOB_DISCOVER, payload={"answer_id": answer.pk})
    return answer


# --- The intern's side -----------------------------------------------------------------------


@transaction.atomic
def answer_erase(*, answer: Answer) -> None:
    """RGPD erasure: the answer and what was drawn from it go; the link is withdrawn."""
    feedback_request = answer.request
    answer.delete()
    feedback_request.answered_at = None
    feedback_request.revoked_at = feedback_request.revoked_at or timezone.now()
    feedback_request.token_hash = None
    feedback_request.save(update_fields=["answered_at", "revoked_at", "token_hash"])


@transaction.atomic
def discoveries_find(*, answer_id: int) -> int:
    """Run by the worker after each submission: refresh the answer's pending discoveries."""
    answer = Answer.objects.select_related("request__dossier").filter(pk=answer_id).first()
    if answer is None:
        return 0
    dossier = answer.request.dossier
    answer.discoveries.filter(status=Discovery.Status.PENDING).delete()
    known = set(answer.discoveries.values_list("label", flat=True))
    found = [
        item
        for item in discover.hidden_skills(dossier=dossier, answer=answer)
        if item.label not in known
    ]
    Discovery.objects.bulk_create(
        Discovery(
            answer=answer, skill_id=item.skill_id, label=item.label[:300], sentence=item.sentence
        )
        for item in found
    )
    return len(found)


@transaction.atomic
def discovery_add(*, discovery: Discovery) -> DossierSkill:
    """Add the skill to the intern's list with an example seeded with the rater's sentence."""
    dossier = discovery.answer.request.dossier
    item = None
    if discovery.skill_id is not None:
        item = DossierSkill.objects.filter(dossier=dossier, skill_id=discovery.skill_id).first()
    if item is None:
        item = skills_services.dossier_skill_add(
            dossier=dossier,
            skill=discovery.skill,
            label="" if discovery.skill else discovery.label,
            family="" if discovery.skill else Family.TRANSVERSAL,
            note=_("Révélée par un retour reçu."),
        )
    feedback_request = discovery.answer.request
    source = (
        _("retour anonyme")
        if feedback_request.anonymous
        else f"{feedback_request.name}, {feedback_request.get_relationship_display()}"
    )
    skills_services.example_create(
        dossier=dossier,
        title=item.label[:200],
        situation=f"« {discovery.sentence} » — {source}",
        skills=[item],
    )
    discovery.status = Discovery.Status.ADDED
    discovery.save(update_fields=["status"])
    return item


@transaction.atomic
def discovery_dismiss(*, discovery: Discovery) -> None:
    discovery.status = Discovery.Status.DISMISSED
    discovery.save(update_fields=["status"])


def feedback_answered_count(*, dossier: Dossier) -> int:
    """People other than the intern who answered (the checklist wants at least two)."""
    return (
        FeedbackRequest.objects.filter(dossier=dossier, answered_at__isnull=False)
        .exclude(email__iexact=dossier.owner.email)
        .count()
    )
