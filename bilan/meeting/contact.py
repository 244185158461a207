"""Who confirms the meeting record: the tutor as the feedback round or the dossier knows them."""

from __future__ import annotations

from dataclasses import dataclass

from bilan.dossiers.models import Dossier
from bilan.feedback.models import FeedbackRequest


@dataclass(frozen=True)
class TutorContact:
    name: str
    email: str
    language: str


def tutor_contact(*, dossier: Dossier) -> TutorContact | None:
    """The tutor as the feedback round knows them, else as the dossier names them."""
    request = (
        FeedbackRequest.objects.filter(
            dossier=dossier,
            relationship=FeedbackRequest.Relationship.TUTOR,
            revoked_at__isnull=True,
        )
        .order_by("-created_at", "-id")
        .first()
    )
    if request is not None:
        return TutorContact(name=request.name, email=request.email, language=request.language)
    if dossier.tutor_email:
        return TutorContact(
            name=dossier.tutor_name or dossier.tutor_email,
            email=dossier.tutor_email,
            language=dossier.language,
        )
    return None
