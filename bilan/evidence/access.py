"""Views reach traces and imports only through these: anything not the user's is a 404."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import get_object_or_404

from bilan.accounts.models import User
from bilan.dossiers.access import dossier_for_user

from .models import MailboxImport, Trace


def trace_for_user(user: User | AnonymousUser, dossier_id: int, trace_id: int) -> Trace:
    dossier = dossier_for_user(user, dossier_id)
    return get_object_or_404(Trace.objects.select_related("dossier"), pk=trace_id, dossier=dossier)


def mailbox_import_for_user(
    user: User | AnonymousUser, dossier_id: int, import_id: int
) -> MailboxImport:
    dossier = dossier_for_user(user, dossier_id)
    return get_object_or_404(MailboxImport, pk=import_id, dossier=dossier)
