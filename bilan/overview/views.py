"""The dossier's home page: the checklist across every app, the plan and the latest journal."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bilan.dossiers import services
from bilan.dossiers.access import dossier_for_user
from bilan.dossiers.forms import JournalEntryForm

from .checklist import dossier_checklist


@login_required
def dossier_home(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    summary = services.plan_summary(dossier=dossier)
    context = {
        "dossier": dossier,
        "checklist": dossier_checklist(dossier, summary=summary),
        "summary": summary,
        "journal_form": JournalEntryForm(dossier=dossier),
        "recent_entries": dossier.journal_entries.all()[:5],
    }
    return render(request, "dossiers/home.html", context)
