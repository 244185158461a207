"""The only way skills views reach an object: anything outside the user's dossier is a 404."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import get_object_or_404

from bilan.accounts.models import User
from bilan.dossiers.access import dossier_for_user

from .models import DossierSkill, Example, Highlight, ProgressAxis, Suggestion


def dossier_skill_for_user(
    user: User | AnonymousUser, dossier_id: int, skill_id: int
) -> DossierSkill:
    dossier = dossier_for_user(user, dossier_id)
    return get_object_or_404(
        DossierSkill.objects.select_related("dossier", "skill"), pk=skill_id, dossier=dossier
    )


def example_for_user(user: User | AnonymousUser, dossier_id: int, example_id: int) -> Example:
    dossier = dossier_for_user(user, dossier_id)
    return get_object_or_404(
        Example.objects.select_related("dossier"), pk=example_id, dossier=dossier
    )


def highlight_for_user(user: User | AnonymousUser, dossier_id: int, highlight_id: int) -> Highlight:
    dossier = dossier_for_user(user, dossier_id)
    return get_object_or_404(
        Highlight.objects.select_related("dossier"), pk=highlight_id, dossier=dossier
    )


def axis_for_user(user: User | AnonymousUser, dossier_id: int, axis_id: int) -> ProgressAxis:
    dossier = dossier_for_user(user, dossier_id)
    return get_object_or_404(ProgressAxis, pk=axis_id, dossier=dossier)


def suggestion_for_user(
    user: User | AnonymousUser, dossier_id: int, suggestion_id: int
) -> Suggestion:
    dossier = dossier_for_user(user, dossier_id)
    return get_object_or_404(
        Suggestion.objects.select_related("dossier", "skill"),
        pk=suggestion_id,
        dossier=dossier,
        status=Suggestion.Status.PENDING,
    )
