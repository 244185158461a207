from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from bilan.dossiers.access import dossier_for_user

from .services import dossier_readiness, text_review


@login_required
@require_POST
def review(request: HttpRequest, dossier_id: int) -> HttpResponse:
    """Review the text of one form field; the button says which field through `source`."""
    dossier = dossier_for_user(request.user, dossier_id)
    source = request.POST.get("source", "text")[:100]
    text = request.POST.get(source, "")
    context = {"dossier": dossier, "review": text_review(text=text), "empty": not text.strip()}
    return render(request, "writing/_review.html", context)


@login_required
def readiness(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    context = {"dossier": dossier, "readiness": dossier_readiness(dossier=dossier)}
    return render(request, "writing/_readiness.html", context)
