from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from bilan.accounts.access import request_user
from bilan.core.edits import EditConflict, edit_conflict_page
from bilan.core.forms import form_add_errors

from . import services
from .access import dossier_for_user, journal_entry_for_user, objective_for_user
from .forms import (
    DossierForm,
    JournalEntryForm,
    MissionTextForm,
    ObjectiveAddForm,
    ObjectiveForm,
    ObjectiveSplitForm,
    WeeksForm,
)
from .models import Dossier, Objective


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _warn_outside_internship(request: HttpRequest, dossier: Dossier, date: dt.date) -> None:
    warning = services.journal_date_warning(dossier=dossier, date=date)
    if warning:
        messages.warning(request, warning)


@login_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    dossiers = request_user(request).dossiers.all()
    return render(request, "dossiers/list.html", {"dossiers": dossiers})


@login_required
def dossier_create(request: HttpRequest) -> HttpResponse:
    form = DossierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        dossier = services.dossier_create(owner=request_user(request), **form.cleaned_data)
        if services.objectives_propose(dossier=dossier):
            # The mission was just pasted: show it cut into objectives, ready to confirm.
            messages.success(
                request,
                _(
                    "Dossier créé. Voici votre mission découpée en objectifs : "
                    "corrigez la liste si besoin, puis validez."
                ),
            )
            return redirect("dossiers:objective_import", dossier.pk)
        messages.success(request, _("Dossier créé."))
        return redirect("dossiers:home", dossier.pk)
    return render(request, "dossiers/form.html", {"form": form})


@login_required
def dossier_edit(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    form = DossierForm(request.POST or None, instance=dossier)
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_update(dossier=dossier, version=form.edit_base(), **form.cleaned_data)
        except EditConflict as conflict:
            cancel = reverse("dossiers:home", args=[dossier.pk])
            return edit_conflict_page(request, form=form, conflict=conflict, cancel_url=cancel)
        if (
            "mission_text" in form.changed_data
            and not dossier.objectives.exists()
            and services.objectives_propose(dossier=dossier)
        ):
            messages.success(
                request,
                _("Dossier enregistré. Voici votre mission découpée en objectifs : validez-les."),
            )
            return redirect("dossiers:objective_import", dossier.pk)
        messages.success(request, _("Dossier enregistré."))
        return redirect("dossiers:home", dossier.pk)
    return render(request, "dossiers/form.html", {"form": form, "dossier": dossier})


@login_required
def dossier_delete(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    if request.method == "POST":
        services.dossier_delete(dossier=dossier)
        messages.success(request, _("Dossier supprimé."))
        return redirect("dossiers:list")
    return render(request, "dossiers/confirm_delete.html", {"dossier": dossier})


@login_required
def objective_list(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    objectives = list(dossier.objectives.prefetch_related("traces"))
    context = {
        "dossier": dossier,
        "objectives": objectives,
        "proposed": [] if objectives else services.objectives_propose(dossier=dossier),
        "add_form": ObjectiveAddForm(),
    }
    return render(request, "dossiers/objectives.html", context)


@login_required
def objective_import(request: HttpRequest, dossier_id: int) -> HttpResponse:
    """Propose the mission split into objectives; the intern edits the list, then confirms."""
    dossier = dossier_for_user(request.user, dossier_id)
    if request.method == "POST":
        form = MissionTextForm(request.POST)
        if form.is_valid():
            try:
                created = services.objectives_import(dossier=dossier, titles=form.titles())
            except ValidationError as error:
                form_add_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext("%(n)d objectif ajouté.", "%(n)d objectifs ajoutés.", len(created))
                    % {"n": len(created)},
                )
                return redirect("dossiers:objectives", dossier.pk)
        proposed = []
    else:
        proposed = services.objectives_propose(dossier=dossier)
        form = MissionTextForm(initial={"text": "\n".join(proposed)})
    context = {"dossier": dossier, "form": form, "proposed": proposed}
    return render(request, "dossiers/objective_import.html", context)


@login_required
@require_POST
def objective_add(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    form = ObjectiveAddForm(request.POST)
    if form.is_valid():
        try:
            services.objective_create(dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            return redirect("dossiers:objectives", dossier.pk)
    context = {"dossier": dossier, "objectives": dossier.objectives.all(), "add_form": form}
    return render(request, "dossiers/objectives.html", context, status=400)


@login_required
def objective_edit(request: HttpRequest, dossier_id: int, objective_id: int) -> HttpResponse:
    objective = objective_for_user(request.user, dossier_id, objective_id)
    form = ObjectiveForm(request.POST or None, instance=objective)
    if request.method == "POST" and form.is_valid():
        try:
            services.objective_update(
                objective=objective, version=form.edit_base(), **form.cleaned_data
            )
        except EditConflict as conflict:
            cancel = reverse("dossiers:objectives", args=[dossier_id])
            return edit_conflict_page(request, form=form, conflict=conflict, cancel_url=cancel)
        if _is_htmx(request):
            return render(request, "dossiers/_objective_row.html", {"objective": objective})
        messages.success(request, _("Objectif enregistré."))
        back = "dossiers:plan" if request.POST.get("from") == "plan" else "dossiers:objectives"
        return redirect(back, dossier_id)
    template = (
        "dossiers/_objective_form.html" if _is_htmx(request) else "dossiers/objective_edit.html"
    )
    status = 400 if request.method == "POST" else 200
    context = {"objective": objective, "dossier": objective.dossier, "form": form}
    return render(request, template, context, status=status)


@login_required
def objective_row(request: HttpRequest, dossier_id: int, objective_id: int) -> HttpResponse:
    objective = objective_for_user(request.user, dossier_id, objective_id)
    return render(request, "dossiers/_objective_row.html", {"objective": objective})


@login_required
@require_POST
def objective_move(request: HttpRequest, dossier_id: int, objective_id: int) -> HttpResponse:
    objective = objective_for_user(request.user, dossier_id, objective_id)
    services.objective_move(objective=objective, offset=-1 if request.POST.get("up") else 1)
    return redirect("dossiers:objectives", dossier_id)


@login_required
@require_POST
def objective_merge(request: HttpRequest, dossier_id: int, objective_id: int) -> HttpResponse:
    objective = objective_for_user(request.user, dossier_id, objective_id)
    if services.objective_merge_next(objective=objective) is None:
        messages.info(request, _("C'est le dernier objectif : rien à fusionner."))
    else:
        messages.success(request, _("Objectifs fusionnés."))
    return redirect("dossiers:objectives", dossier_id)


@login_required
def objective_split(request: HttpRequest, dossier_id: int, objective_id: int) -> HttpResponse:
    """Cut one objective in two or more: one line per part, proposed from its sentences."""
    objective = objective_for_user(request.user, dossier_id, objective_id)
    if request.method == "POST":
        form = ObjectiveSplitForm(request.POST)
        if form.is_valid():
            try:
                parts = services.objective_split(objective=objective, titles=form.titles())
            except ValidationError as error:
                form_add_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Objectif séparé en %(n)d partie.",
                        "Objectif séparé en %(n)d parties.",
                        len(parts),
                    )
                    % {"n": len(parts)},
                )
                return redirect("dossiers:objectives", dossier_id)
        proposed = []
    else:
        proposed = services.objective_split_propose(objective=objective)
        form = ObjectiveSplitForm(initial={"text": "\n".join(proposed)})
    context = {
        "dossier": objective.dossier,
        "objective": objective,
        "form": form,
        "proposed_parts": len(proposed),
    }
    status = 400 if form.errors else 200
    return render(request, "dossiers/objective_split.html", context, status=status)


@login_required
@require_POST
def objective_delete(request: HttpRequest, dossier_id: int, objective_id: int) -> HttpResponse:
    objective = objective_for_user(request.user, dossier_id, objective_id)
    services.objective_delete(objective=objective)
    messages.success(request, _("Objectif supprimé."))
    return redirect("dossiers:objectives", dossier_id)


@login_required
def plan(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    context = {
        "dossier": dossier,
        "summary": services.plan_summary(dossier=dossier),
        "statuses": Objective.Status,
    }
    return render(request, "dossiers/plan.html", context)


@login_required
def journal(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    form = JournalEntryForm(request.POST or None, dossier=dossier)
    if request.method == "POST" and form.is_valid():
        try:
            services.journal_entry_create(dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Entrée ajoutée au journal."))
            _warn_outside_internship(request, dossier, form.cleaned_data["date"])
            back = "dossiers:home" if request.POST.get("from") == "home" else "dossiers:journal"
            return redirect(back, dossier.pk)
    tag = request.GET.get("tag", "")[:100]
    context = {
        "dossier": dossier,
        "form": form,
        "weeks": services.journal_weeks(dossier=dossier, tag=tag),
        "tags": services.journal_tags(dossier=dossier),
        "current_tag": tag,
    }
    return render(request, "dossiers/journal.html", context, status=400 if form.errors else 200)


@login_required
def journal_entry_edit(request: HttpRequest, dossier_id: int, entry_id: int) -> HttpResponse:
    entry = journal_entry_for_user(request.user, dossier_id, entry_id)
    form = JournalEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.journal_entry_update(
                entry=entry, version=form.edit_base(), **form.cleaned_data
            )
        except EditConflict as conflict:
            cancel = reverse("dossiers:journal", args=[dossier_id])
            return edit_conflict_page(request, form=form, conflict=conflict, cancel_url=cancel)
        messages.success(request, _("Entrée modifiée."))
        _warn_outside_internship(request, entry.dossier, form.cleaned_data["date"])
        return redirect("dossiers:journal", dossier_id)
    context = {"dossier": entry.dossier, "entry": entry, "form": form}
    return render(
        request, "dossiers/journal_edit.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def journal_entry_delete(request: HttpRequest, dossier_id: int, entry_id: int) -> HttpResponse:
    entry = journal_entry_for_user(request.user, dossier_id, entry_id)
    services.journal_entry_delete(entry=entry)
    messages.success(request, _("Entrée supprimée."))
    return redirect("dossiers:journal", dossier_id)


@login_required
def weeks(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    form = WeeksForm(request.POST or None, instance=dossier)
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_update(dossier=dossier, version=form.edit_base(), **form.cleaned_data)
        except EditConflict as conflict:
            cancel = reverse("dossiers:weeks", args=[dossier.pk])
            return edit_conflict_page(request, form=form, conflict=conflict, cancel_url=cancel)
        messages.success(request, _("Enregistré."))
        return redirect("dossiers:weeks", dossier.pk)
    context = {
        "dossier": dossier,
        "form": form,
        "weeks": services.journal_first_last_weeks(dossier=dossier),
    }
    return render(request, "dossiers/weeks.html", context, status=400 if form.errors else 200)
