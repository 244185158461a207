"""Views reach traces and imports only through these: anything not the user's is a 404."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Model
from django.http import Http404
from django.shortcuts import get_object_or_404

from bilan.accounts.models import User
from bilan.dossiers.access import dossier_for_user

from .models import PROOF_TARGETS, MailboxImport, Proof, Trace
from .proofs import ProofTarget


def trace_for_user(user: User | AnonymousUser, dossier_id: int, trace_id: int) -> Trace:
    dossier = dossier_for_user(user, dossier_id)
    return get_object_or_404(Trace.objects.select_related("dossier"), pk=trace_id, dossier=dossier)


def mailbox_import_for_user(
    user: User | AnonymousUser, dossier_id: int, import_id: int
) -> MailboxImport:
    dossier = dossier_for_user(user, dossier_id)
    return get_object_or_404(MailboxImport, pk=import_id, dossier=dossier)


def proof_target_for_user(
    user: User | AnonymousUser, dossier_id: int, kind: str, target_id: int
) -> ProofTarget:
    """One of the user's objectives, skills, examples or highlights, as a proof target."""
    dossier = dossier_for_user(user, dossier_id)
    if kind not in PROOF_TARGETS:
        raise Http404
    model = Proof._meta.get_field(kind).related_model
    assert isinstance(model, type) and issubclass(model, Model)
    obj = get_object_or_404(model, pk=target_id, dossier=dossier)
    return ProofTarget(kind=kind, obj=obj)
