"""The rehearsal page: timed outline, timer, likely questions, cue cards, notes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bilan.core.forms import form_add_errors
from bilan.dossiers.access import dossier_for_user
from bilan.dossiers.models import Dossier

from . import cards, questions, services
from .access import note_for_user
from .forms import LengthForm, NoteForm, TimesForm
from .models import Note

PRESETS = (5, 10, 15)


def _page(
    request: HttpRequest,
    dossier: Dossier,
    *,
    length_form: LengthForm | None = None,
    times_form: TimesForm | None = None,
    note_form: NoteForm | None = None,
) -> HttpResponse:
    plan = services.plan_get(dossier=dossier)
    outline = services.outline_for(dossier=dossier, plan=plan)
    own, has_future = questions.own_questions(dossier)
    total = sum(item.seconds for item in outline)
    context: dict[str, Any] = {
        "dossier": dossier,
        "plan": plan,
        "outline": outline,
        "total_seconds": total,
        "presets": PRESETS,
        "custom_split": bool(plan.seconds) and total > 0,
        "length_form": length_form or LengthForm(initial={"minutes": plan.length_minutes}),
        "times_form": times_form or TimesForm(outline=outline),
        "note_form": note_form or NoteForm(initial={"planned_seconds": total}),
        "likely": questions.likely_questions(dossier),
        "own_questions": own,
        "has_future": has_future,
        "notes": Note.objects.filter(dossier=dossier),
        "too_long": any(item.too_long for item in outline),
    }
    bound = [f for f in (length_form, times_form, note_form) if f is not None]
    status = 400 if any(f.errors for f in bound) else 200
    return render(request, "rehearsal/index.html", context, status=status)


@login_required
def rehearsal(request: HttpRequest, dossier_id: int) -> HttpResponse:
    return _page(request, dossier_for_user(request.user, dossier_id))


@login_required
@require_POST
def length(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    form = LengthForm(request.POST)
    if form.is_valid():
        try:
            services.plan_length_set(dossier=dossier, minutes=form.cleaned_data["minutes"])
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            return redirect("rehearsal:index", dossier.pk)
    return _page(request, dossier, length_form=form)


@login_required
@require_POST
def times(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    plan = services.plan_get(dossier=dossier)
    if "reset" in request.POST:
        services.plan_reset(dossier=dossier)
        messages.success(
            request, _("Le temps est de nouveau réparti selon la longueur des parties.")
        )
        return redirect("rehearsal:index", dossier.pk)
    form = TimesForm(request.POST, outline=services.outline_for(dossier=dossier, plan=plan))
    if form.is_valid():
        try:
            services.plan_seconds_set(
                dossier=dossier, seconds={key: form.cleaned_data[key] for key in form.keys}
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Votre répartition du temps est enregistrée."))
            return redirect("rehearsal:index", dossier.pk)
    return _page(request, dossier, times_form=form)


@login_required
def cue_cards(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    size = "a4" if request.GET.get("size") == "a4" else "a6"
    plan = services.plan_get(dossier=dossier)
    pdf = cards.cue_cards_pdf(
        dossier=dossier,
        outline=services.outline_for(dossier=dossier, plan=plan),
        likely=questions.likely_questions(dossier),
        own=questions.own_questions(dossier)[0],
        size=size,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="fiches-{dossier.pk}-{size}.pdf"'
    return response


@login_required
@require_POST
def note_add(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Note enregistrée."))
            return redirect("rehearsal:index", dossier.pk)
    return _page(request, dossier, note_form=form)


@login_required
@require_POST
def note_delete(request: HttpRequest, dossier_id: int, note_id: int) -> HttpResponse:
    note = note_for_user(request.user, dossier_id, note_id)
    services.note_delete(note=note)
    messages.success(request, _("Note supprimée."))
    return redirect("rehearsal:index", dossier_id)
