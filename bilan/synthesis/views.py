from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bilan.core.edits import EditConflict, edit_conflict_page
from bilan.documents.limits import DocumentTooLarge
from bilan.documents.model import TRAME_HEADINGS
from bilan.dossiers.access import dossier_for_user
from bilan.dossiers.models import Dossier

from . import review as synthesis_coach
from . import services
from .access import version_for_user
from .forms import CompareForm, DeroulementForm, LayoutForm, RegenerateForm, SynthesisForm
from .generator import section_prompts


def _headings(dossier: Dossier) -> dict[str, str]:
    return TRAME_HEADINGS["en" if dossier.language == "en" else "fr"]


@login_required
def synthesis_home(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    synthesis = services.synthesis_get(dossier=dossier)
    current = services.synthesis_current(synthesis=synthesis) if synthesis else None
    context: dict[str, Any] = {"dossier": dossier, "synthesis": synthesis, "version": current}
    if synthesis is not None and current is not None:
        document = services.synthesis_document(dossier=dossier, version=current)
        context.update(
            {
                "document": document,
                "words": document.word_count(),
                "notes": services.synthesis_notes(dossier=dossier, version=current),
                "versions": synthesis.versions.all()[:20],
            }
        )
    return render(request, "synthesis/home.html", context)


@login_required
@require_POST
def synthesis_generate(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    services.synthesis_generate(dossier=dossier)
    messages.success(
        request,
        _("Première version rédigée à partir de votre dossier. Relisez-la et personnalisez-la."),
    )
    return redirect("synthesis:home", dossier.pk)


@login_required
def synthesis_edit(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    synthesis = services.synthesis_get(dossier=dossier)
    current = services.synthesis_current(synthesis=synthesis) if synthesis else None
    if synthesis is None or current is None:
        return redirect("synthesis:home", dossier.pk)
    with translation.override(dossier.language):
        placeholders = section_prompts()
    form = SynthesisForm(
        request.POST or None,
        initial=current.sections,
        language=dossier.language,
        placeholders=placeholders,
        version=str(current.number),
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = services.synthesis_save(
                synthesis=synthesis, sections=form.sections(), version=form.edit_base()
            )
        except EditConflict as conflict:
            cancel = reverse("synthesis:home", args=[dossier.pk])
            return edit_conflict_page(request, form=form, conflict=conflict, cancel_url=cancel)
        if version is None:
            messages.info(request, _("Aucune modification : pas de nouvelle version."))
        else:
            messages.success(request, _("Version %(n)d enregistrée.") % {"n": version.number})
        return redirect("synthesis:home", dossier.pk)
    context = {"dossier": dossier, "form": form, "version": current}
    return render(request, "synthesis/edit.html", context, status=400 if form.errors else 200)


@login_required
def synthesis_regenerate(request: HttpRequest, dossier_id: int) -> HttpResponse:
    """Show what regenerating would change; only the sections the intern ticks are replaced."""
    dossier = dossier_for_user(request.user, dossier_id)
    synthesis = services.synthesis_get(dossier=dossier)
    if synthesis is None:
        return redirect("synthesis:home", dossier.pk)
    proposals = services.synthesis_regenerate_proposal(synthesis=synthesis)
    if request.method == "POST":
        form = RegenerateForm(request.POST)
        if form.is_valid():
            keys = set(form.cleaned_data["sections"])
            version = services.synthesis_regenerate_apply(synthesis=synthesis, keys=keys)
            if version is None:
                messages.info(request, _("Aucune section remplacée."))
            else:
                messages.success(request, _("Version %(n)d enregistrée.") % {"n": version.number})
            return redirect("synthesis:home", dossier.pk)
    context = {
        "dossier": dossier,
        "proposals": proposals,
        "deroulement_form": DeroulementForm(
            initial={"deroulement_order": synthesis.deroulement_order}
        ),
    }
    return render(request, "synthesis/regenerate.html", context)


@login_required
def synthesis_versions(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    synthesis = services.synthesis_get(dossier=dossier)
    versions = list(synthesis.versions.all()) if synthesis else []
    diffs = None
    form = CompareForm(request.GET or None)
    if form.is_valid():
        old = version_for_user(request.user, dossier_id, form.cleaned_data["old"])
        new = version_for_user(request.user, dossier_id, form.cleaned_data["new"])
        diffs = services.versions_compare(old=old, new=new)
    context = {"dossier": dossier, "versions": versions, "diffs": diffs, "form": form}
    return render(request, "synthesis/versions.html", context)


@login_required
def synthesis_version(request: HttpRequest, dossier_id: int, number: int) -> HttpResponse:
    version = version_for_user(request.user, dossier_id, number)
    dossier = version.synthesis.dossier
    if request.method == "POST":
        restored = services.synthesis_restore(version=version)
        messages.success(
            request,
            _("Version %(old)d restaurée comme version %(new)d.")
            % {"old": version.number, "new": restored.number},
        )
        return redirect("synthesis:home", dossier.pk)
    document = services.synthesis_document(dossier=dossier, version=version)
    return render(
        request,
        "synthesis/version.html",
        {"dossier": dossier, "version": version, "document": document},
    )


@login_required
def synthesis_review(request: HttpRequest, dossier_id: int) -> HttpResponse:
    """The coach on the whole synthesis, headings included (document-level findings)."""
    dossier = dossier_for_user(request.user, dossier_id)
    synthesis = services.synthesis_get(dossier=dossier)
    current = services.synthesis_current(synthesis=synthesis) if synthesis else None
    if current is None:
        raise Http404
    review = synthesis_coach.synthesis_review(dossier=dossier, sections=current.sections)
    return render(request, "synthesis/_review.html", {"dossier": dossier, "review": review})


@login_required
def synthesis_pages(request: HttpRequest, dossier_id: int) -> HttpResponse:
    """The page count of the real PDF, loaded after the page (rendering takes a moment)."""
    dossier = dossier_for_user(request.user, dossier_id)
    synthesis = services.synthesis_get(dossier=dossier)
    if synthesis is None:
        raise Http404
    try:
        rendered = services.synthesis_render(dossier=dossier, fmt="pdf")
    except DocumentTooLarge as error:
        return render(request, "synthesis/_pages.html", {"dossier": dossier, "error": str(error)})
    context = {
        "dossier": dossier,
        "synthesis": synthesis,
        "pages": rendered.pages,
        "too_long": (rendered.pages or 0) > services.MAX_PAGES,
        "max_pages": services.MAX_PAGES,
    }
    return render(request, "synthesis/_pages.html", context)


@login_required
@require_POST
def synthesis_layout(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    synthesis = services.synthesis_get(dossier=dossier)
    form = LayoutForm(request.POST)
    if synthesis is None or not form.is_valid():
        raise Http404
    services.synthesis_layout_set(synthesis=synthesis, condensed=form.cleaned_data["condensed"])
    return redirect("synthesis:home", dossier.pk)


@login_required
@require_POST
def synthesis_deroulement(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    synthesis = services.synthesis_get(dossier=dossier)
    form = DeroulementForm(request.POST)
    if synthesis is None or not form.is_valid():
        raise Http404
    services.synthesis_deroulement_set(
        synthesis=synthesis, order=form.cleaned_data["deroulement_order"]
    )
    messages.success(
        request,
        _("C'est noté : remplacez la section « Déroulement » ci-dessous pour l'appliquer."),
    )
    return redirect("synthesis:regenerate", dossier.pk)


@login_required
def synthesis_export(request: HttpRequest, dossier_id: int, fmt: str) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    if fmt not in services.FORMATS or services.synthesis_get(dossier=dossier) is None:
        raise Http404
    try:
        rendered = services.synthesis_render(dossier=dossier, fmt=fmt)
    except DocumentTooLarge as error:
        messages.error(request, str(error))
        return redirect("synthesis:home", dossier.pk)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response
