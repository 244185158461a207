from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from bilan.core.edits import EditConflict, edit_conflict_page
from bilan.core.forms import form_add_errors
from bilan.dossiers.access import dossier_for_user
from bilan.dossiers.models import Dossier

from . import chart, scale, services
from .access import (
    axis_for_user,
    dossier_skill_for_user,
    example_for_user,
    highlight_for_user,
    suggestion_for_user,
)
from .forms import (
    AcceptSuggestionForm,
    AxisForm,
    DossierSkillForm,
    ExampleForm,
    FeelingsForm,
    FrameworksForm,
    FreeSkillForm,
    HighlightForm,
    PickSkillForm,
    SkillSearchForm,
    level_choices,
)
from .models import Highlight


def _status(form: BaseForm | None) -> int:
    return 400 if form is not None and form.is_bound and form.errors else 200


def _list_context(dossier: Dossier, **extra: Any) -> dict[str, Any]:
    overview = services.skills_overview(dossier=dossier)
    frameworks = services.frameworks_for_dossier(dossier=dossier)
    return {
        "dossier": dossier,
        "overview": overview,
        "frameworks": frameworks,
        "levels": scale.LEVELS,
        "free_form": extra.pop("free_form", None) or FreeSkillForm(),
        "search_form": SkillSearchForm(frameworks=frameworks),
        "pending_count": len(services.suggestions_pending(dossier=dossier)),
        **extra,
    }


@login_required
def skill_list(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    return render(request, "skills/list.html", _list_context(dossier))


@login_required
@require_POST
def skill_add_free(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    form = FreeSkillForm(request.POST)
    if form.is_valid():
        try:
            item = services.dossier_skill_add(dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(
                request, _("« %(label)s » ajoutée à vos compétences.") % {"label": item.label}
            )
            return redirect("skills:list", dossier.pk)
    return render(request, "skills/list.html", _list_context(dossier, free_form=form), status=400)


@login_required
def skill_pick(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    frameworks = services.frameworks_for_dossier(dossier=dossier)
    form = SkillSearchForm(request.GET or None, frameworks=frameworks)
    results = []
    if form.is_valid():
        results = services.skill_search(
            query=form.cleaned_data["q"], frameworks=form.chosen_frameworks()
        )
    kept = set(dossier.skills.exclude(skill=None).values_list("skill_id", flat=True))
    context = {
        "dossier": dossier,
        "form": form,
        "results": results,
        "kept": kept,
        "level_choices": level_choices(),
    }
    template = "skills/_results.html" if request.headers.get("HX-Request") else "skills/pick.html"
    return render(request, template, context, status=_status(form))


@login_required
@require_POST
def skill_add_from_framework(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    form = PickSkillForm(request.POST, frameworks=services.frameworks_for_dossier(dossier=dossier))
    if form.is_valid():
        try:
            item = services.dossier_skill_add(
                dossier=dossier,
                skill=form.cleaned_data["skill"],
                level_before=form.cleaned_data["level_before"],
                level_now=form.cleaned_data["level_now"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("« %(label)s » ajoutée à vos compétences.") % {"label": item.label}
            )
            return redirect("skills:list", dossier.pk)
    elif "skill" in form.errors:
        messages.error(request, _("Cette compétence n'est pas dans vos référentiels."))
    else:
        messages.error(request, _("Choisissez les niveaux dans la liste proposée."))
    return redirect("skills:pick", dossier.pk)


@login_required
def skill_edit(request: HttpRequest, dossier_id: int, skill_id: int) -> HttpResponse:
    item = dossier_skill_for_user(request.user, dossier_id, skill_id)
    form = DossierSkillForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_skill_update(
                dossier_skill=item, version=form.edit_base(), **form.cleaned_data
            )
        except EditConflict as conflict:
            cancel = reverse("skills:list", args=[dossier_id])
            return edit_conflict_page(request, form=form, conflict=conflict, cancel_url=cancel)
        messages.success(request, _("Compétence enregistrée."))
        return redirect("skills:list", dossier_id)
    context = {
        "dossier": item.dossier,
        "item": item,
        "form": form,
        "levels": scale.LEVELS,
        "examples": item.examples.all(),
    }
    return render(request, "skills/skill_edit.html", context, status=_status(form))


@login_required
@require_POST
def skill_delete(request: HttpRequest, dossier_id: int, skill_id: int) -> HttpResponse:
    item = dossier_skill_for_user(request.user, dossier_id, skill_id)
    services.dossier_skill_delete(dossier_skill=item)
    messages.success(request, _("Compétence retirée."))
    return redirect("skills:list", dossier_id)


@login_required
def frameworks(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    active = services.frameworks_for_dossier(dossier=dossier)
    data = request.POST if request.method == "POST" else None
    form = FrameworksForm(data, initial={"frameworks": active})
    if request.method == "POST" and form.is_valid():
        services.dossier_frameworks_set(dossier=dossier, frameworks=form.cleaned_data["frameworks"])
        messages.success(request, _("Référentiels enregistrés."))
        return redirect("skills:list", dossier.pk)
    context = {
        "dossier": dossier,
        "form": form,
        "available": services.frameworks_available(),
        "active_ids": {framework.pk for framework in active},
    }
    return render(request, "skills/frameworks.html", context, status=_status(form))


@login_required
def chart_view(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    overview = services.skills_overview(dossier=dossier)
    context = {"dossier": dossier, "chart": chart.build(overview), "levels": scale.LEVELS}
    return render(request, "skills/chart.html", context)


# --- Examples --------------------------------------------------------------------------------


@login_required
def example_list(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    examples = services.examples_for_dossier(dossier=dossier)
    return render(request, "skills/examples.html", {"dossier": dossier, "examples": examples})


@login_required
def example_create(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    initial = {"skills": [request.GET["skill"]]} if request.GET.get("skill", "").isdigit() else {}
    form = ExampleForm(request.POST or None, dossier=dossier, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.example_create(dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Exemple enregistré."))
            return redirect("skills:examples", dossier.pk)
    context = {"dossier": dossier, "form": form}
    return render(request, "skills/example_form.html", context, status=_status(form))


@login_required
def example_edit(request: HttpRequest, dossier_id: int, example_id: int) -> HttpResponse:
    example = example_for_user(request.user, dossier_id, example_id)
    form = ExampleForm(request.POST or None, dossier=example.dossier, instance=example)
    if request.method == "POST" and form.is_valid():
        try:
            services.example_update(example=example, version=form.edit_base(), **form.cleaned_data)
        except EditConflict as conflict:
            cancel = reverse("skills:examples", args=[dossier_id])
            return edit_conflict_page(request, form=form, conflict=conflict, cancel_url=cancel)
        messages.success(request, _("Exemple enregistré."))
        return redirect("skills:examples", dossier_id)
    context = {"dossier": example.dossier, "form": form, "example": example}
    return render(request, "skills/example_form.html", context, status=_status(form))


@login_required
@require_POST
def example_delete(request: HttpRequest, dossier_id: int, example_id: int) -> HttpResponse:
    example = example_for_user(request.user, dossier_id, example_id)
    services.example_delete(example=example)
    messages.success(request, _("Exemple supprimé."))
    return redirect("skills:examples", dossier_id)


# --- Réussites and difficultés ---------------------------------------------------------------


@login_required
def highlight_list(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    grouped = services.highlights_for_dossier(dossier=dossier)
    context = {"dossier": dossier, "sections": list(grouped.items())}
    return render(request, "skills/highlights.html", context)


@login_required
def highlight_create(request: HttpRequest, dossier_id: int, kind: str) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    if kind not in Highlight.Kind.values:
        raise Http404
    form = HighlightForm(request.POST or None, dossier=dossier, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            services.highlight_create(dossier=dossier, kind=kind, **form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Enregistré."))
            return redirect("skills:highlights", dossier.pk)
    context = {"dossier": dossier, "form": form, "kind": kind}
    return render(request, "skills/highlight_form.html", context, status=_status(form))


@login_required
def highlight_edit(request: HttpRequest, dossier_id: int, highlight_id: int) -> HttpResponse:
    highlight = highlight_for_user(request.user, dossier_id, highlight_id)
    form = HighlightForm(
        request.POST or None, dossier=highlight.dossier, kind=highlight.kind, instance=highlight
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.highlight_update(
                highlight=highlight, version=form.edit_base(), **form.cleaned_data
            )
        except EditConflict as conflict:
            cancel = reverse("skills:highlights", args=[dossier_id])
            return edit_conflict_page(request, form=form, conflict=conflict, cancel_url=cancel)
        messages.success(request, _("Enregistré."))
        return redirect("skills:highlights", dossier_id)
    context = {
        "dossier": highlight.dossier,
        "form": form,
        "kind": highlight.kind,
        "highlight": highlight,
    }
    return render(request, "skills/highlight_form.html", context, status=_status(form))


@login_required
@require_POST
def highlight_delete(request: HttpRequest, dossier_id: int, highlight_id: int) -> HttpResponse:
    highlight = highlight_for_user(request.user, dossier_id, highlight_id)
    services.highlight_delete(highlight=highlight)
    messages.success(request, _("Supprimé."))
    return redirect("skills:highlights", dossier_id)


# --- Ressentis and axes de progrès -----------------------------------------------------------


def _feelings_context(dossier: Dossier, **forms: BaseForm) -> dict[str, Any]:
    return {
        "dossier": dossier,
        "form": forms.get("form") or FeelingsForm(instance=services.feelings_get(dossier=dossier)),
        "axis_form": forms.get("axis_form") or AxisForm(),
        "axes": dossier.progress_axes.all(),
    }


@login_required
def feelings(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    form = FeelingsForm(request.POST or None, instance=services.feelings_get(dossier=dossier))
    if request.method == "POST" and form.is_valid():
        try:
            services.feelings_update(dossier=dossier, version=form.edit_base(), **form.cleaned_data)
        except EditConflict as conflict:
            cancel = reverse("skills:feelings", args=[dossier.pk])
            return edit_conflict_page(request, form=form, conflict=conflict, cancel_url=cancel)
        messages.success(request, _("Ressentis enregistrés."))
        return redirect("skills:feelings", dossier.pk)
    context = _feelings_context(dossier, form=form)
    return render(request, "skills/feelings.html", context, status=_status(form))


def _axes_partial(
    request: HttpRequest, dossier: Dossier, *, form: BaseForm | None = None, message: str = ""
) -> HttpResponse:
    """Only the axes card, for htmx: the rest of the page, and what is typed there, stays."""
    context = _feelings_context(dossier, **({"axis_form": form} if form else {}))
    context["axis_message"] = message
    return render(request, "skills/_axes.html", context)


@login_required
@require_POST
def axis_add(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    form = AxisForm(request.POST)
    if form.is_valid():
        try:
            services.progress_axis_add(dossier=dossier, text=form.cleaned_data["text"])
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            if _is_htmx(request):
                return _axes_partial(request, dossier, message=_("Axe de progrès ajouté."))
            messages.success(request, _("Axe de progrès ajouté."))
            return redirect("skills:feelings", dossier.pk)
    if _is_htmx(request):
        # htmx does not swap 4xx answers; the errors must show where the axis was typed.
        return _axes_partial(request, dossier, form=form)
    context = _feelings_context(dossier, axis_form=form)
    return render(request, "skills/feelings.html", context, status=400)


@login_required
@require_POST
def axis_delete(request: HttpRequest, dossier_id: int, axis_id: int) -> HttpResponse:
    axis = axis_for_user(request.user, dossier_id, axis_id)
    services.progress_axis_delete(axis=axis)
    if _is_htmx(request):
        dossier = dossier_for_user(request.user, dossier_id)
        return _axes_partial(request, dossier, message=_("Axe de progrès supprimé."))
    messages.success(request, _("Axe de progrès supprimé."))
    return redirect("skills:feelings", dossier_id)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- Suggestions -----------------------------------------------------------------------------


@login_required
def suggestion_list(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    context = {
        "dossier": dossier,
        "suggestions": services.suggestions_pending(dossier=dossier),
        "frameworks": services.frameworks_for_dossier(dossier=dossier),
        "accept_form": AcceptSuggestionForm(),
        "max_chars": services.SUGGEST_MAX_CHARS,
        "running": services.suggestions_running(dossier=dossier),
    }
    return render(request, "skills/suggestions.html", context)


@login_required
@require_POST
def suggestions_run(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    run = services.suggestions_request(dossier=dossier)
    if run.queued:
        messages.info(
            request,
            _(
                "Vos écrits sont longs : l'analyse continue en arrière-plan et les propositions "
                "apparaîtront sur cette page."
            ),
        )
        return redirect("skills:suggestions", dossier.pk)
    messages.success(
        request,
        ngettext("%(n)d nouvelle proposition.", "%(n)d nouvelles propositions.", run.created)
        % {"n": run.created},
    )
    if run.truncated:
        messages.info(
            request,
            _("Texte long : seuls les %(n)d premiers caractères ont été lus.")
            % {"n": services.SUGGEST_MAX_CHARS},
        )
    return redirect("skills:suggestions", dossier.pk)


@login_required
@require_POST
def suggestion_accept(request: HttpRequest, dossier_id: int, suggestion_id: int) -> HttpResponse:
    suggestion = suggestion_for_user(request.user, dossier_id, suggestion_id)
    form = AcceptSuggestionForm(request.POST)
    with_example = form.is_valid() and form.cleaned_data["with_example"]
    try:
        item = services.suggestion_accept(suggestion=suggestion, with_example=with_example)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("« %(label)s » ajoutée à vos compétences.") % {"label": item.label}
        )
    return redirect("skills:suggestions", dossier_id)


@login_required
@require_POST
def suggestion_dismiss(request: HttpRequest, dossier_id: int, suggestion_id: int) -> HttpResponse:
    suggestion = suggestion_for_user(request.user, dossier_id, suggestion_id)
    services.suggestion_dismiss(suggestion=suggestion)
    messages.success(request, _("Proposition écartée : elle ne sera plus proposée."))
    return redirect("skills:suggestions", dossier_id)
