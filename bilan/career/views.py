"""After the internship: CV lines, interview stories, "à propos", JSON Resume, the letter."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bilan.core.edits import EditConflict, edit_conflict_page, edit_version
from bilan.core.forms import form_add_errors
from bilan.documents.model import Language
from bilan.dossiers.access import dossier_for_user
from bilan.dossiers.models import Dossier
from bilan.evidence.models import Proof, Trace
from bilan.evidence.proofs import ProofIndex, proof_source, proofs_for_output
from bilan.skills.models import Example

from . import services
from .access import cv_line_for_user
from .forms import AboutForm, CvLineEditForm, CvLineForm, LetterForm


def _proof_lines(
    proofs: ProofIndex, example_id: int | None, skills_of: dict[int, list[int]]
) -> list[tuple[str, Trace]]:
    """On screen only: the proofs behind a CV line or a story, cited as the synthesis does."""
    if example_id is None:
        return []
    backing = proofs.of("example", example_id) or [
        proof
        for skill_id in skills_of.get(example_id, [])
        for proof in proofs.of("skill", skill_id)
    ]
    language: Language = "en" if (get_language() or "fr").startswith("en") else "fr"
    return [(proof_source(proof.trace, language), proof.trace) for proof in backing[:3]]


def _skills_by_example(dossier: Dossier) -> dict[int, list[int]]:
    pairs = Example.skills.through.objects.filter(example__dossier=dossier).values_list(
        "example_id", "dossierskill_id"
    )
    found: dict[int, list[int]] = {}
    for example_id, skill_id in pairs:
        found.setdefault(example_id, []).append(skill_id)
    return found


def _index(request: HttpRequest, dossier: Dossier, **forms: Any) -> HttpResponse:
    bound = [form for form in forms.values() if form.is_bound and form.errors]
    letter = services.career_letter(dossier=dossier)
    proofs = proofs_for_output(dossier=dossier, output=Proof.Output.CV)
    skills_of = _skills_by_example(dossier) if proofs.all else {}
    lines = services.cv_lines(dossier=dossier)
    stories = services.career_stories(dossier=dossier)
    profile = services.profile_get(dossier=dossier)
    version = edit_version(profile)
    context = {
        "dossier": dossier,
        "lines": [(line, _proof_lines(proofs, line.example_id, skills_of)) for line in lines],
        "stories_with_proofs": [
            (story, _proof_lines(proofs, story.example.pk, skills_of)) for story in stories
        ],
        "proposals": services.cv_lines_propose(dossier=dossier),
        "stories": stories,
        "line_form": forms.get("line_form") or CvLineForm(dossier_id=dossier.pk),
        "about_form": forms.get("about_form")
        or AboutForm(initial={"about": services.career_about(dossier=dossier)}, version=version),
        "about_edited": bool(profile.about),
        "letter": letter,
        "letter_form": forms.get("letter_form")
        or LetterForm(initial={"subject": letter.subject, "body": letter.body}, version=version),
    }
    return render(request, "career/index.html", context, status=400 if bound else 200)


@login_required
def index(request: HttpRequest, dossier_id: int) -> HttpResponse:
    return _index(request, dossier_for_user(request.user, dossier_id))


@login_required
@require_POST
def line_add(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    form = CvLineForm(request.POST, dossier_id=dossier.pk)
    if form.is_valid():
        try:
            services.cv_line_add(dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Ligne ajoutée à votre CV."))
            return redirect("career:index", dossier.pk)
    return _index(request, dossier, line_form=form)


@login_required
def line_edit(request: HttpRequest, dossier_id: int, line_id: int) -> HttpResponse:
    line = cv_line_for_user(request.user, dossier_id, line_id)
    form = CvLineEditForm(
        request.POST or None, initial={"text": line.text}, version=edit_version(line)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.cv_line_update(line=line, version=form.edit_base(), **form.cleaned_data)
        except EditConflict as conflict:
            cancel = reverse("career:index", args=[dossier_id])
            return edit_conflict_page(request, form=form, conflict=conflict, cancel_url=cancel)
        messages.success(request, _("Ligne enregistrée."))
        return redirect("career:index", dossier_id)
    status = 400 if request.method == "POST" else 200
    context = {"dossier": line.dossier, "line": line, "form": form}
    return render(request, "career/line_edit.html", context, status=status)


@login_required
@require_POST
def line_move(request: HttpRequest, dossier_id: int, line_id: int) -> HttpResponse:
    line = cv_line_for_user(request.user, dossier_id, line_id)
    services.cv_line_move(line=line, offset=-1 if request.POST.get("up") else 1)
    return redirect("career:index", dossier_id)


@login_required
@require_POST
def line_delete(request: HttpRequest, dossier_id: int, line_id: int) -> HttpResponse:
    line = cv_line_for_user(request.user, dossier_id, line_id)
    services.cv_line_delete(line=line)
    messages.success(request, _("Ligne retirée."))
    return redirect("career:index", dossier_id)


@login_required
@require_POST
def about(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    if request.POST.get("reset"):
        services.career_about_save(dossier=dossier, about="")
        messages.success(request, _("Texte « à propos » regénéré depuis votre dossier."))
        return redirect("career:index", dossier.pk)
    form = AboutForm(request.POST)
    if form.is_valid():
        try:
            services.career_about_save(
                dossier=dossier, version=form.edit_base(), **form.cleaned_data
            )
        except EditConflict as conflict:
            cancel = reverse("career:index", args=[dossier.pk])
            return edit_conflict_page(request, form=form, conflict=conflict, cancel_url=cancel)
        messages.success(request, _("Texte « à propos » enregistré."))
        return redirect("career:index", dossier.pk)
    return _index(request, dossier, about_form=form)


@login_required
@require_POST
def letter(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    if request.POST.get("reset"):
        services.career_letter_save(dossier=dossier, subject="", body="")
        messages.success(request, _("Message regénéré depuis votre dossier."))
        return redirect("career:index", dossier.pk)
    form = LetterForm(request.POST)
    if form.is_valid():
        try:
            services.career_letter_save(
                dossier=dossier, version=form.edit_base(), **form.cleaned_data
            )
        except EditConflict as conflict:
            cancel = reverse("career:index", args=[dossier.pk])
            return edit_conflict_page(request, form=form, conflict=conflict, cancel_url=cancel)
        messages.success(
            request, _("Message enregistré. Ouvrez-le dans votre messagerie pour l'envoyer.")
        )
        return redirect("career:index", dossier.pk)
    return _index(request, dossier, letter_form=form)


@login_required
def resume_json(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    data = services.resume_export(dossier=dossier)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="resume.json"'
    return response
