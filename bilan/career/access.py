"""Views reach CV lines only through this: anything outside the user's dossier is a 404."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import get_object_or_404

from bilan.accounts.models import User
from bilan.dossiers.access import dossier_for_user

from .models import CvLine


def cv_line_for_user(user: User | AnonymousUser, dossier_id: int, line_id: int) -> CvLine:
    dossier = dossier_for_user(user, dossier_id)
    return get_object_or_404(CvLine.objects.select_related("dossier"), pk=line_id, dossier=dossier)
