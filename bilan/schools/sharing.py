"""What the intern shares with the school, and what the school then reads of the dossier.

Always visible once enrolled: the context of the internship, the plan-versus-done statuses,
readiness, how many people were asked for feedback and answered, the meeting date, and the
synthesis the intern handed in. The rest only when the intern shares it (the `share_*` flags),
each on its own page so that every reading lands in the access log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bilan.accounts.models import User
from bilan.core.services import model_update
from bilan.dossiers.models import Dossier, JournalEntry, Objective
from bilan.dossiers.services import plan_summary
from bilan.evidence.models import Trace
from bilan.feedback import scales
from bilan.feedback.models import Answer, FeedbackRequest
from bilan.meeting.models import Meeting
from bilan.overview.checklist import Checklist, dossier_checklist
from bilan.skills.models import Feelings
from bilan.skills.services import FEELINGS_FIELDS
from bilan.synthesis.models import SynthesisVersion

from .forms_school import SHARE_FIELDS
from .models import Enrolment, Membership

# Keys of the parts staff may open, the flag that opens each, and the access log's word for it.
SHARED_PARTS: dict[str, str] = {
    "evaluation": "share_tutor_evaluation",
    "journal": "share_journal",
    "traces": "share_traces",
    "feelings": "share_feelings",
    "drafts": "share_drafts",
}


def part_shared(enrolment: Enrolment, part: str) -> bool:
    return enrolment.dossier_id is not None and bool(getattr(enrolment, SHARED_PARTS[part]))


# --- The intern's choices --------------------------------------------------------------------


@transaction.atomic
def sharing_update(*, enrolment: Enrolment, **flags: bool) -> bool:
    """Returns whether anything changed."""
    return model_update(instance=enrolment, fields=SHARE_FIELDS, data=flags)


def synthesis_latest(*, dossier: Dossier) -> SynthesisVersion | None:
    return SynthesisVersion.objects.filter(synthesis__dossier=dossier).order_by("-number").first()


@transaction.atomic
def synthesis_submit(*, enrolment: Enrolment) -> SynthesisVersion:
    """Hand in the latest version; handing in again later replaces what the school reads."""
    if enrolment.dossier is None:
        raise ValidationError(_("Aucun dossier n'est lié à cette inscription."))
    version = synthesis_latest(dossier=enrolment.dossier)
    if version is None:
        raise ValidationError(
            _("Vous n'avez pas encore de synthèse : rédigez-la d'abord, page Synthèse.")
        )
    enrolment.submitted_version = version
    enrolment.submitted_at = timezone.now()
    enrolment.save(update_fields=["submitted_version", "submitted_at", "updated_at"])
    return version


# --- Who reads --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reader:
    user: User
    role: str


def enrolment_readers(*, enrolment: Enrolment) -> list[Reader]:
    """Everyone on the school side who can open this intern's page: referents, then admins."""
    cohort = enrolment.cohort
    readers: dict[int, Reader] = {}
    for user in cohort.referents.order_by("last_name", "first_name", "email"):
        readers[user.pk] = Reader(user, Membership.Role.REFERENT)
    admins = (
        Membership.objects.filter(
            organisation_id=cohort.programme.organisation_id, role=Membership.Role.ADMIN
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    for membership in admins:
        # The strongest role wins: an admin who also follows the cohort is listed as admin.
        readers[membership.user_id] = Reader(membership.user, Membership.Role.ADMIN)
    return list(readers.values())


# --- What staff read ---------------------------------------------------------------------------


@dataclass
class InternOverview:
    dossier: Dossier
    objectives: list[Objective]
    objectives_reviewed: int
    checklist: Checklist
    feedback_requested: int
    feedback_answered: int
    meeting: Meeting | None


def intern_overview(*, dossier: Dossier) -> InternOverview:
    summary = plan_summary(dossier=dossier)
    requests = FeedbackRequest.objects.filter(dossier=dossier, revoked_at__isnull=True).exclude(
        email__iexact=dossier.owner.email
    )
    return InternOverview(
        dossier=dossier,
        objectives=[*summary.planned, *summary.unplanned],
        objectives_reviewed=summary.reviewed,
        checklist=dossier_checklist(dossier),
        feedback_requested=requests.count(),
        feedback_answered=requests.filter(answered_at__isnull=False).count(),
        meeting=Meeting.objects.filter(dossier=dossier).first(),
    )


def _field_label(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return str(field.verbose_name)


@dataclass
class Evaluation:
    tutor: str
    answered_at: Any
    ratings: list[tuple[str, str]]
    texts: list[tuple[str, str]]


def tutor_evaluations(*, dossier: Dossier) -> list[Evaluation]:
    """The tutor's named answers (an anonymous answer is never shown one by one, not even to
    the intern, so it is not shown to the school either)."""
    answers = Answer.objects.filter(
        request__dossier=dossier,
        request__relationship=FeedbackRequest.Relationship.TUTOR,
        request__anonymous=False,
        request__revoked_at__isnull=True,
    ).select_related("request")
    evaluations = []
    for answer in answers:
        evaluations.append(
            Evaluation(
                tutor=answer.request.name,
                answered_at=answer.request.answered_at or answer.submitted_at,
                ratings=[
                    (item.get("label", ""), scales.label_of(item.get("value", "")))
                    for item in answer.ratings
                    if item.get("value")
                ],
                texts=[(_field_label(Answer, name), text) for name, text in answer.texts()],
            )
        )
    return evaluations


def journal_entries(*, dossier: Dossier) -> list[JournalEntry]:
    return list(dossier.journal_entries.order_by("-date", "-id"))


def shared_traces(*, dossier: Dossier) -> list[Trace]:
    """Titles of the traces; a confidential one appears in nothing shared, as the intern was
    promised when marking it."""
    return list(
        Trace.objects.filter(dossier=dossier, parent__isnull=True, confidential=False).order_by(
            "-date", "-id"
        )
    )


def shared_trace(*, dossier: Dossier, trace_id: int) -> Trace | None:
    """A trace staff may download: a file, not confidential, nor attached to a confidential one."""
    trace = (
        Trace.objects.select_related("parent")
        .filter(pk=trace_id, dossier=dossier, confidential=False)
        .first()
    )
    if trace is None or not trace.has_file or (trace.parent and trace.parent.confidential):
        return None
    return trace


def feelings_texts(*, dossier: Dossier) -> list[tuple[str, str]]:
    feelings = Feelings.objects.filter(dossier=dossier).first()
    if feelings is None:
        return []
    return [
        (_field_label(Feelings, name), getattr(feelings, name))
        for name in FEELINGS_FIELDS
        if getattr(feelings, name).strip()
    ]
