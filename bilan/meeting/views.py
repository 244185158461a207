"""The intern's side: meeting date and .ics, questions, the printable pack, the record."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bilan.core.edits import EditConflict, edit_conflict_page, edit_version
from bilan.core.forms import form_add_errors
from bilan.documents.limits import DocumentTooLarge
from bilan.documents.model import Document
from bilan.documents.pdf_output import render_pdf
from bilan.dossiers.access import dossier_for_user
from bilan.dossiers.models import Dossier
from bilan.evidence.models import Proof
from bilan.synthesis.services import synthesis_document

from . import ics, pack, proposals, services
from .access import question_for_user
from .forms import MeetingForm, PickForm, QuestionForm, RecordForm


def _index(
    request: HttpRequest, dossier: Dossier, *, question_form: QuestionForm | None = None
) -> HttpResponse:
    context: dict[str, Any] = {
        "dossier": dossier,
        "meeting": services.meeting_get(dossier=dossier),
        "questions": services.meeting_questions(dossier=dossier),
        "proposals": proposals.questions_propose(dossier=dossier),
        "question_form": question_form or QuestionForm(),
        "record": services.meeting_record_get(dossier=dossier),
        "has_future": services.meeting_has_future_question(dossier=dossier),
    }
    status = 400 if question_form is not None and question_form.errors else 200
    return render(request, "meeting/index.html", context, status=status)


@login_required
def index(request: HttpRequest, dossier_id: int) -> HttpResponse:
    return _index(request, dossier_for_user(request.user, dossier_id))


@login_required
def meeting_date(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    meeting = services.meeting_get(dossier=dossier)
    initial = (
        {
            "starts_at": meeting.starts_at,
            "duration_minutes": meeting.duration_minutes,
            "place": meeting.place,
        }
        if meeting
        else {}
    )
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and request.POST.get("clear"):
        services.meeting_clear(dossier=dossier)
        messages.success(request, _("Date de l'entretien retirée."))
        return redirect("meeting:index", dossier.pk)
    if request.method == "POST" and form.is_valid():
        services.meeting_set(dossier=dossier, **form.cleaned_data)
        messages.success(request, _("Date et lieu de l'entretien enregistrés."))
        return redirect("meeting:index", dossier.pk)
    status = 400 if request.method == "POST" else 200
    context = {"dossier": dossier, "form": form, "meeting": meeting}
    return render(request, "meeting/date.html", context, status=status)


@login_required
def meeting_ics(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    meeting = services.meeting_get(dossier=dossier)
    if meeting is None:
        raise Http404
    response = HttpResponse(
        ics.meeting_ics(dossier=dossier, meeting=meeting),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="entretien-bilan.ics"'
    return response


@login_required
@require_POST
def question_add(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_question_add(dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Question ajoutée."))
            return redirect("meeting:index", dossier.pk)
    return _index(request, dossier, question_form=form)


@login_required
@require_POST
def question_pick(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    form = PickForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choisissez une question proposée."))
        services.meeting_question_pick(dossier=dossier, key=form.cleaned_data["key"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meeting:index", dossier.pk)
    messages.success(request, _("Question ajoutée à votre liste : adaptez-la si besoin."))
    return redirect("meeting:index", dossier.pk)


@login_required
def question_edit(request: HttpRequest, dossier_id: int, question_id: int) -> HttpResponse:
    question = question_for_user(request.user, dossier_id, question_id)
    form = QuestionForm(
        request.POST or None,
        initial={"text": question.text, "topic": question.topic},
        version=edit_version(question),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_question_update(
                question=question, version=form.edit_base(), **form.cleaned_data
            )
        except EditConflict as conflict:
            cancel = reverse("meeting:index", args=[dossier_id])
            return edit_conflict_page(request, form=form, conflict=conflict, cancel_url=cancel)
        messages.success(request, _("Question enregistrée."))
        return redirect("meeting:index", dossier_id)
    status = 400 if request.method == "POST" else 200
    context = {"dossier": question.dossier, "question": question, "form": form}
    return render(request, "meeting/question_edit.html", context, status=status)


@login_required
@require_POST
def question_move(request: HttpRequest, dossier_id: int, question_id: int) -> HttpResponse:
    question = question_for_user(request.user, dossier_id, question_id)
    services.meeting_question_move(question=question, offset=-1 if request.POST.get("up") else 1)
    return redirect("meeting:index", dossier_id)


@login_required
@require_POST
def question_delete(request: HttpRequest, dossier_id: int, question_id: int) -> HttpResponse:
    question = question_for_user(request.user, dossier_id, question_id)
    services.meeting_question_delete(question=question)
    messages.success(request, _("Question retirée."))
    return redirect("meeting:index", dossier_id)


def _pack_document(dossier: Dossier, *, annex: bool) -> Document:
    synthesis = synthesis_document(dossier=dossier, output=Proof.Output.PACK)
    return pack.meeting_pack_document(dossier=dossier, synthesis=synthesis, annex=annex)


@login_required
def pack_view(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    annex = request.GET.get("annex") == "1"
    document = _pack_document(dossier, annex=annex)
    sections = [(section, pack.section_html(section)) for section in document.sections]
    context = {"dossier": dossier, "document": document, "sections": sections, "annex": annex}
    return render(request, "meeting/pack.html", context)


@login_required
def pack_pdf(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    document = _pack_document(dossier, annex=request.GET.get("annex") == "1")
    try:
        pdf = render_pdf(document)
    except DocumentTooLarge:
        messages.error(request, _("Le dossier d'entretien est trop long pour être mis en PDF."))
        return redirect("meeting:pack", dossier.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="entretien-bilan-{dossier.pk}.pdf"'
    return response


@login_required
def record(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    current = services.meeting_record_get(dossier=dossier)
    initial = {name: getattr(current, name) for name in current.CONTENT_FIELDS}
    form = RecordForm(request.POST or None, initial=initial, version=edit_version(current))
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_record_update(
                dossier=dossier, version=form.edit_base(), **form.cleaned_data
            )
        except EditConflict as conflict:
            cancel = reverse("meeting:record", args=[dossier.pk])
            return edit_conflict_page(request, form=form, conflict=conflict, cancel_url=cancel)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(
                request, _("Compte rendu enregistré. Confirmez-le pour l'envoyer à votre tuteur.")
            )
            return redirect("meeting:record", dossier.pk)
    context = {
        "dossier": dossier,
        "record": current,
        "form": form,
        "tutor": services.tutor_contact(dossier=dossier),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "meeting/record.html", context, status=status)


@login_required
@require_POST
def record_confirm(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    try:
        services.meeting_record_confirm(dossier=dossier)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Compte rendu confirmé : votre tuteur va recevoir un lien pour le relire."),
        )
    return redirect("meeting:record", dossier.pk)
