from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from bilan.accounts.access import request_user
from bilan.dossiers.access import dossier_for_user

from . import services
from .access import mailbox_import_for_user, trace_for_user
from .extraction.errors import format_bytes
from .forms import LinkForm, NoteForm, SearchForm, TraceForm, UploadForm
from .limits import evidence_limits
from .models import Trace
from .uploads import LimitedTemporaryUploadHandler

PAGE_SIZE = 50


@login_required
def trace_list(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    form = SearchForm(request.GET or None, dossier=dossier)
    filters = form.cleaned_data if form.is_valid() else {}
    traces = services.traces_search(
        dossier=dossier,
        query=filters.get("q", ""),
        kind=filters.get("kind", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        objective=filters.get("objective"),
        skill=filters.get("skill"),
        unlinked=filters.get("unlinked", False),
    ).prefetch_related("objectives", "skills__skill")
    shown = list(traces[: PAGE_SIZE + 1])
    context = {
        "dossier": dossier,
        "form": form,
        "traces": shown[:PAGE_SIZE],
        "more": len(shown) > PAGE_SIZE,
        "total": dossier.traces.count(),
        "imports": [job for job in dossier.mailbox_imports.all()[:5]],
        "upload_form": UploadForm(),
        "searching": bool(filters and any(filters.values())),
    }
    return render(request, "evidence/list.html", context)


@csrf_exempt
@login_required
def trace_upload(request: HttpRequest, dossier_id: int) -> HttpResponse:
    # Upload handlers must be swapped before anything reads the body, CSRF check included.
    request.upload_handlers = [LimitedTemporaryUploadHandler(request)]
    return _trace_upload(request, dossier_id)


@csrf_protect
def _trace_upload(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    posted = request.method == "POST"
    form = UploadForm(request.POST, request.FILES) if posted else UploadForm()
    if posted:
        if getattr(request, "upload_limit_exceeded", False):
            limit = format_bytes(evidence_limits().max_import_bytes, _language(request))
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Envoi refusé : il dépasse la limite par import (%(limit)s). Rien n'a été "
                    "enregistré ; envoyez les fichiers en plusieurs fois."
                )
                % {"limit": limit},
            )
        elif form.is_valid():
            outcome = services.traces_upload(
                dossier=dossier,
                files=form.cleaned_data["files"],
                kind=form.cleaned_data["kind"],
                confidential=form.cleaned_data["confidential"],
                user=request_user(request),
            )
            _report_upload(request, outcome)
            if outcome.imports and len(outcome.imports) == 1 and not outcome.traces:
                return redirect("evidence:import", dossier.pk, outcome.imports[0].pk)
            if outcome.refused and not (outcome.traces or outcome.imports):
                for name, text in outcome.refused:
                    form.add_error(None, f"{name} — {text}" if name else text)
            else:
                return redirect("evidence:list", dossier.pk)
    status = 400 if request.method == "POST" else 200
    context = {"dossier": dossier, "upload_form": form, "limits": evidence_limits()}
    return render(request, "evidence/upload.html", context, status=status)


def _language(request: HttpRequest) -> str:
    return (getattr(request, "LANGUAGE_CODE", "fr") or "fr")[:2]


def _report_upload(request: HttpRequest, outcome: services.UploadOutcome) -> None:
    if outcome.traces:
        messages.success(
            request,
            ngettext(
                "%(n)d fichier ajouté ; son texte est en cours d'extraction.",
                "%(n)d fichiers ajoutés ; leur texte est en cours d'extraction.",
                len(outcome.traces),
            )
            % {"n": len(outcome.traces)},
        )
    if outcome.imports:
        messages.success(
            request,
            ngettext(
                "Import de boîte mail lancé : vous pouvez quitter la page, il continue.",
                "%(n)d imports de boîtes mail lancés : vous pouvez quitter la page.",
                len(outcome.imports),
            )
            % {"n": len(outcome.imports)},
        )
    for name in outcome.duplicates:
        messages.info(request, _("Déjà importé, ignoré : %(name)s") % {"name": name})
    for name, text in outcome.refused:
        messages.error(request, f"{name} — {text}" if name else text)


@login_required
def trace_note(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        trace = services.trace_create_note(dossier=dossier, **form.service_kwargs())
        messages.success(request, _("Note ajoutée aux traces."))
        return redirect("evidence:detail", dossier.pk, trace.pk)
    status = 400 if form.errors else 200
    context = {"dossier": dossier, "form": form, "mode": "note"}
    return render(request, "evidence/create.html", context, status=status)


@login_required
def trace_link(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    form = LinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        trace = services.trace_create_link(dossier=dossier, **form.service_kwargs())
        messages.success(request, _("Lien ajouté aux traces."))
        return redirect("evidence:detail", dossier.pk, trace.pk)
    status = 400 if form.errors else 200
    context = {"dossier": dossier, "form": form, "mode": "link"}
    return render(request, "evidence/create.html", context, status=status)


@login_required
def trace_detail(request: HttpRequest, dossier_id: int, trace_id: int) -> HttpResponse:
    trace = trace_for_user(request.user, dossier_id, trace_id)
    dossier = trace.dossier
    initial = {
        "title": trace.title,
        "kind": trace.kind,
        "author": trace.author,
        "day": trace.date.date() if trace.date else None,
        "confidential": trace.confidential,
        "objectives": list(trace.objectives.all()),
        "skills": list(trace.skills.all()),
        "examples": list(trace.examples.all()),
    }
    form = TraceForm(request.POST or None, initial=initial, dossier=dossier)
    if request.method == "POST" and form.is_valid():
        services.trace_update(trace=trace, **form.service_kwargs())
        messages.success(request, _("Trace enregistrée."))
        return redirect("evidence:detail", dossier.pk, trace.pk)
    context = {
        "dossier": dossier,
        "trace": trace,
        "form": form,
        "attachments": trace.attachments.all(),
    }
    return render(request, "evidence/detail.html", context, status=400 if form.errors else 200)


@login_required
def trace_status(request: HttpRequest, dossier_id: int, trace_id: int) -> HttpResponse:
    """Polled by htmx while a file's text is being extracted."""
    trace = trace_for_user(request.user, dossier_id, trace_id)
    response = render(request, "evidence/_extraction.html", {"trace": trace})
    if trace.extraction != Trace.Extraction.PENDING:
        response["HX-Refresh"] = "true"
    return response


@login_required
def trace_download(request: HttpRequest, dossier_id: int, trace_id: int) -> FileResponse:
    trace = trace_for_user(request.user, dossier_id, trace_id)
    if not trace.file:
        raise Http404
    handle = trace.file.open("rb")
    return FileResponse(handle, as_attachment=True, filename=trace.filename or "trace")


@login_required
@require_POST
def trace_delete(request: HttpRequest, dossier_id: int, trace_id: int) -> HttpResponse:
    trace = trace_for_user(request.user, dossier_id, trace_id)
    services.trace_delete(trace=trace)
    messages.success(request, _("Trace supprimée, avec son fichier."))
    return redirect("evidence:list", dossier_id)


@login_required
def mailbox_import(request: HttpRequest, dossier_id: int, import_id: int) -> HttpResponse:
    job = mailbox_import_for_user(request.user, dossier_id, import_id)
    template = (
        "evidence/_import_progress.html"
        if request.headers.get("HX-Request") == "true"
        else "evidence/import.html"
    )
    return render(request, template, {"dossier": job.dossier, "job": job})
