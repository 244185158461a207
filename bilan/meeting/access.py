"""Views reach questions only through these: anything outside the user's dossier is a 404."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import get_object_or_404

from bilan.accounts.models import User
from bilan.dossiers.access import dossier_for_user

from .models import Question


def question_for_user(user: User | AnonymousUser, dossier_id: int, question_id: int) -> Question:
    dossier = dossier_for_user(user, dossier_id)
    return get_object_or_404(
        Question.objects.select_related("dossier"), pk=question_id, dossier=dossier
    )
