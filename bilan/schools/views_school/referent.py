"""The referent's view of one intern: what is always visible, then each part the intern shares
on its own page. Every page and download is written to the intern's access log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from bilan.accounts.access import request_user
from bilan.documents.limits import DocumentTooLarge
from bilan.documents.pdf_output import render_pdf_with_pages
from bilan.evidence.models import Proof
from bilan.synthesis.services import CONTENT_TYPES, synthesis_document, synthesis_get

from .. import sharing
from ..access import enrolment_for_staff, log_access
from ..models import Enrolment


def _reach(
    request: HttpRequest, cohort_id: int, enrolment_id: int, what: str, part: str | None = None
) -> tuple[Enrolment, str]:
    """The enrolment if the user follows its cohort and, for a shared part, if it is shared;
    else a 404. The access is logged before anything of the dossier is read."""
    user = request_user(request)
    enrolment, role = enrolment_for_staff(user, cohort_id, enrolment_id)
    if part is not None and not sharing.part_shared(enrolment, part):
        raise Http404
    if what != "overview" and enrolment.dossier is None:
        raise Http404
    log_access(enrolment, user, role, what)
    return enrolment, role


def _page(
    request: HttpRequest, template: str, enrolment: Enrolment, role: str, **extra: Any
) -> HttpResponse:
    context = {
        "enrolment": enrolment,
        "cohort": enrolment.cohort,
        "dossier": enrolment.dossier,
        "role": role,
        "shared": {part: sharing.part_shared(enrolment, part) for part in sharing.SHARED_PARTS},
        **extra,
    }
    return render(request, template, context)


@login_required
def intern_overview(request: HttpRequest, cohort_id: int, enrolment_id: int) -> HttpResponse:
    enrolment, role = _reach(request, cohort_id, enrolment_id, "overview")
    overview = sharing.intern_overview(dossier=enrolment.dossier) if enrolment.dossier else None
    return _page(request, "schools/school/intern.html", enrolment, role, overview=overview)


def _submitted_document(enrolment: Enrolment) -> Any:
    version = enrolment.submitted_version
    if version is None or enrolment.dossier is None:
        raise Http404
    # A version of another dossier (the enrolment relinked) is never shown.
    if version.synthesis.dossier_id != enrolment.dossier_id:
        raise Http404
    synthesis = synthesis_get(dossier=enrolment.dossier)
    condensed = bool(synthesis and synthesis.condensed)
    document = synthesis_document(
        dossier=enrolment.dossier,
        version=version,
        condensed=condensed,
        output=Proof.Output.SCHOOL,
    )
    return version, document, condensed


@login_required
def intern_synthesis(request: HttpRequest, cohort_id: int, enrolment_id: int) -> HttpResponse:
    enrolment, role = _reach(request, cohort_id, enrolment_id, "synthesis")
    version, document, _condensed = _submitted_document(enrolment)
    return _page(
        request,
        "schools/school/intern_synthesis.html",
        enrolment,
        role,
        version=version,
        document=document,
        submitted=True,
    )


@login_required
def intern_synthesis_pdf(request: HttpRequest, cohort_id: int, enrolment_id: int) -> HttpResponse:
    enrolment, _role = _reach(request, cohort_id, enrolment_id, "synthesis_pdf")
    version, document, condensed = _submitted_document(enrolment)
    try:
        pdf, _pages = render_pdf_with_pages(document, condensed=condensed)
    except DocumentTooLarge as error:
        messages.error(request, str(error))
        return redirect("schools:intern", cohort_id, enrolment_id)
    response = HttpResponse(pdf, content_type=CONTENT_TYPES["pdf"])
    filename = f"bilan-{enrolment.pk}-v{version.number}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def intern_evaluation(request: HttpRequest, cohort_id: int, enrolment_id: int) -> HttpResponse:
    enrolment, role = _reach(request, cohort_id, enrolment_id, "evaluation", "evaluation")
    assert enrolment.dossier is not None
    evaluations = sharing.tutor_evaluations(dossier=enrolment.dossier)
    return _page(
        request, "schools/school/intern_evaluation.html", enrolment, role, evaluations=evaluations
    )


@login_required
def intern_journal(request: HttpRequest, cohort_id: int, enrolment_id: int) -> HttpResponse:
    enrolment, role = _reach(request, cohort_id, enrolment_id, "journal", "journal")
    assert enrolment.dossier is not None
    entries = sharing.journal_entries(dossier=enrolment.dossier)
    return _page(request, "schools/school/intern_journal.html", enrolment, role, entries=entries)


@login_required
def intern_traces(request: HttpRequest, cohort_id: int, enrolment_id: int) -> HttpResponse:
    enrolment, role = _reach(request, cohort_id, enrolment_id, "traces", "traces")
    assert enrolment.dossier is not None
    traces = sharing.shared_traces(dossier=enrolment.dossier)
    return _page(request, "schools/school/intern_traces.html", enrolment, role, traces=traces)


@login_required
def intern_trace_download(
    request: HttpRequest, cohort_id: int, enrolment_id: int, trace_id: int
) -> FileResponse:
    user = request_user(request)
    enrolment, role = enrolment_for_staff(user, cohort_id, enrolment_id)
    if not sharing.part_shared(enrolment, "traces") or enrolment.dossier is None:
        raise Http404
    trace = sharing.shared_trace(dossier=enrolment.dossier, trace_id=trace_id)
    if trace is None:
        raise Http404
    log_access(enrolment, user, role, "trace_file")
    handle = trace.file.open("rb")
    return FileResponse(handle, as_attachment=True, filename=trace.filename or "trace")


@login_required
def intern_feelings(request: HttpRequest, cohort_id: int, enrolment_id: int) -> HttpResponse:
    enrolment, role = _reach(request, cohort_id, enrolment_id, "feelings", "feelings")
    assert enrolment.dossier is not None
    texts = sharing.feelings_texts(dossier=enrolment.dossier)
    return _page(request, "schools/school/intern_feelings.html", enrolment, role, texts=texts)


@login_required
def intern_drafts(request: HttpRequest, cohort_id: int, enrolment_id: int) -> HttpResponse:
    enrolment, role = _reach(request, cohort_id, enrolment_id, "drafts", "drafts")
    assert enrolment.dossier is not None
    version = sharing.synthesis_latest(dossier=enrolment.dossier)
    document = (
        synthesis_document(dossier=enrolment.dossier, version=version, output=Proof.Output.SCHOOL)
        if version
        else None
    )
    return _page(
        request,
        "schools/school/intern_synthesis.html",
        enrolment,
        role,
        version=version,
        document=document,
        submitted=False,
    )
