from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import get_object_or_404

from bilan.accounts.models import User
from bilan.dossiers.access import dossier_for_user

from .models import Note


def note_for_user(user: User | AnonymousUser, dossier_id: int, note_id: int) -> Note:
    dossier = dossier_for_user(user, dossier_id)
    return get_object_or_404(Note, pk=note_id, dossier=dossier)
