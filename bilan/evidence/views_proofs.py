"""Choosing the traces that prove a skill, an example, a réussite or difficulté, an objective."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext

from bilan.dossiers.access import dossier_for_user

from .access import proof_target_for_user
from .models import Proof
from .proofs import (
    MAX_PROOFS_PER_TARGET,
    ProofChoice,
    excerpt_default,
    proof_candidates,
    proofs_save,
)

BACK_TO = {
    "objective": "dossiers:objectives",
    "skill": "skills:list",
    "example": "skills:list",
    "highlight": "skills:highlights",
}


def _choices(request: HttpRequest) -> list[ProofChoice]:
    choices = []
    for raw in request.POST.getlist("trace"):
        if not raw.isdigit():
            continue
        choices.append(
            ProofChoice(
                trace_id=int(raw),
                excerpt=request.POST.get(f"excerpt-{raw}", ""),
                confidential_outputs=request.POST.getlist(f"outputs-{raw}"),
            )
        )
    return choices


@login_required
def proofs_pick(
    request: HttpRequest, dossier_id: int, target_kind: str, target_id: int
) -> HttpResponse:
    kind = target_kind
    dossier = dossier_for_user(request.user, dossier_id)
    target = proof_target_for_user(request.user, dossier_id, kind, target_id)
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    errors: list[str] = []
    if request.method == "POST":
        try:
            count = proofs_save(dossier=dossier, target=target, choices=_choices(request))
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                ngettext("%(n)d preuve enregistrée.", "%(n)d preuves enregistrées.", count)
                % {"n": count},
            )
            return redirect(back or BACK_TO[kind], *([] if back else [dossier.pk]))
    candidates = proof_candidates(dossier=dossier, target=target)
    context = {
        "dossier": dossier,
        "target": target,
        "candidates": [
            (c, c.proof.excerpt if c.proof else excerpt_default(c.trace)) for c in candidates
        ],
        "outputs": Proof.Output.choices,
        "errors": errors,
        "max_proofs": MAX_PROOFS_PER_TARGET,
        "next": back,
        "back_url": back or None,
        "back_name": BACK_TO[kind],
    }
    return render(request, "evidence/proofs.html", context, status=400 if errors else 200)
