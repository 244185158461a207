"""Views reach requests, answers and discoveries only through these: not the user's → 404."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import get_object_or_404

from bilan.accounts.models import User
from bilan.dossiers.access import dossier_for_user

from .models import Answer, Discovery, FeedbackRequest
from .results import anonymous_visible


def feedback_request_for_user(
    user: User | AnonymousUser, dossier_id: int, request_id: int
) -> FeedbackRequest:
    dossier = dossier_for_user(user, dossier_id)
    return get_object_or_404(
        FeedbackRequest.objects.select_related("dossier"), pk=request_id, dossier=dossier
    )


def answer_for_user(user: User | AnonymousUser, dossier_id: int, answer_id: int) -> Answer:
    dossier = dossier_for_user(user, dossier_id)
    return get_object_or_404(
        Answer.objects.select_related("request__dossier"), pk=answer_id, request__dossier=dossier
    )


def discovery_for_user(user: User | AnonymousUser, dossier_id: int, discovery_id: int) -> Discovery:
    dossier = dossier_for_user(user, dossier_id)
    discovery = get_object_or_404(
        Discovery.objects.select_related("answer__request__dossier", "skill"),
        pk=discovery_id,
        answer__request__dossier=dossier,
        status=Discovery.Status.PENDING,
    )
    # Drawn from an anonymous answer: hidden like the answer until enough people answered.
    if discovery.answer.request.anonymous and not anonymous_visible(dossier=dossier):
        raise Http404
    return discovery
