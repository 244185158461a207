"""The only way views reach a dossier or its parts: anything not the user's is a 404."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import get_object_or_404

from bilan.accounts.models import User

from .models import Dossier, JournalEntry, Objective


def dossier_for_user(user: User | AnonymousUser, dossier_id: int) -> Dossier:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(Dossier, pk=dossier_id, owner=user)


def objective_for_user(user: User | AnonymousUser, dossier_id: int, objective_id: int) -> Objective:
    dossier = dossier_for_user(user, dossier_id)
    return get_object_or_404(
        Objective.objects.select_related("dossier"), pk=objective_id, dossier=dossier
    )


def journal_entry_for_user(
    user: User | AnonymousUser, dossier_id: int, entry_id: int
) -> JournalEntry:
    dossier = dossier_for_user(user, dossier_id)
    return get_object_or_404(
        JournalEntry.objects.select_related("dossier"), pk=entry_id, dossier=dossier
    )
