"""The intern's side: invite, follow, resend or revoke; read, add hidden skills, export, erase."""

from __future__ import annotations

import json

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

from . import emails, results, services
from .access import answer_for_user, discovery_for_user, feedback_request_for_user
from .forms import CloseRoundForm, InviteForm, RoundForm
from .models import FeedbackRequest
from .public import questionnaire_preview


@login_required
def request_list(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    current = services.round_get(dossier=dossier)
    meeting = emails.meeting_invite(dossier=dossier)
    context = {
        "dossier": dossier,
        "round": current,
        "meeting": meeting,
        "feedback_requests": FeedbackRequest.objects.filter(dossier=dossier).select_related(
            "answer"
        ),
        "invite_form": InviteForm(initial={"language": dossier.language}),
        "tutor_to_invite": _invite_initial(dossier, "").get("name", ""),
    }
    return render(request, "feedback/requests.html", context)


def _invite_initial(dossier: Dossier, who: str) -> dict[str, object]:
    """The tutor named in the dossier, until they have been invited."""
    initial: dict[str, object] = {"language": dossier.language}
    tutor_invited = FeedbackRequest.objects.filter(
        dossier=dossier, relationship=FeedbackRequest.Relationship.TUTOR, revoked_at__isnull=True
    ).exists()
    if who != "other" and dossier.tutor_email and not tutor_invited:
        initial.update(
            name=dossier.tutor_name,
            email=dossier.tutor_email,
            relationship=FeedbackRequest.Relationship.TUTOR,
        )
    return initial


@login_required
def request_invite(request: HttpRequest, dossier_id: int) -> HttpResponse:
    """Invite someone; "Aperçu" shows the e-mail and the questionnaire before anything is sent."""
    dossier = dossier_for_user(request.user, dossier_id)
    initial = _invite_initial(dossier, request.GET.get("who", ""))
    form = InviteForm(request.POST or None, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        if request.POST.get("preview"):
            draft = FeedbackRequest(dossier=dossier, **form.cleaned_data)
            preview = {
                "email": services.feedback_request_preview(feedback_request=draft),
                "questionnaire": questionnaire_preview(draft),
            }
        else:
            try:
                services.feedback_request_create(dossier=dossier, **form.cleaned_data)
            except ValidationError as error:
                form_add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Demande enregistrée : l'e-mail part dans un instant à %(email)s.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect("feedback:requests", dossier.pk)
    status = 400 if form.errors else 200
    context = {
        "dossier": dossier,
        "form": form,
        "preview": preview,
        "prefilled_tutor": not form.is_bound and initial.get("relationship") == "tutor",
    }
    return render(request, "feedback/invite.html", context, status=status)


@login_required
@require_POST
def request_resend(request: HttpRequest, dossier_id: int, request_id: int) -> HttpResponse:
    feedback_request = feedback_request_for_user(request.user, dossier_id, request_id)
    try:
        services.feedback_request_resend(feedback_request=feedback_request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Un nouveau lien part pour %(name)s ; l'ancien ne fonctionnera plus.")
            % {"name": feedback_request.name},
        )
    return redirect("feedback:requests", dossier_id)


@login_required
@require_POST
def request_revoke(request: HttpRequest, dossier_id: int, request_id: int) -> HttpResponse:
    feedback_request = feedback_request_for_user(request.user, dossier_id, request_id)
    services.feedback_request_revoke(feedback_request=feedback_request)
    messages.success(request, _("Lien retiré : il ne fonctionne plus."))
    return redirect("feedback:requests", dossier_id)


@login_required
def round_settings(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    current = services.round_get(dossier=dossier)
    form = RoundForm(request.POST or None, initial={"grid": current.grid, "scale": current.scale})
    if request.method == "POST" and form.is_valid():
        services.round_update(dossier=dossier, **form.cleaned_data)
        messages.success(request, _("Grille enregistrée."))
        return redirect("feedback:requests", dossier.pk)
    status = 400 if request.method == "POST" else 200
    context = {"dossier": dossier, "form": form, "round": current}
    return render(request, "feedback/settings.html", context, status=status)


@login_required
def round_close(request: HttpRequest, dossier_id: int) -> HttpResponse:
    """Closing is final for the raters: a page asks to confirm first (works without JS)."""
    dossier = dossier_for_user(request.user, dossier_id)
    if request.method == "POST" and request.POST.get("reopen"):
        services.round_reopen(dossier=dossier)
        messages.success(
            request, _("Collecte rouverte. Renvoyez les liens aux personnes concernées.")
        )
        return redirect("feedback:requests", dossier.pk)
    form = CloseRoundForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.round_close(dossier=dossier)
        messages.success(
            request, _("Collecte close : les réponses ne peuvent plus être modifiées.")
        )
        return redirect("feedback:requests", dossier.pk)
    requests = FeedbackRequest.objects.filter(dossier=dossier, revoked_at__isnull=True)
    context = {
        "dossier": dossier,
        "form": form,
        "answered": requests.filter(answered_at__isnull=False).count(),
        "waiting": requests.filter(answered_at__isnull=True).count(),
    }
    return render(request, "feedback/close.html", context, status=400 if form.errors else 200)


@login_required
def results_view(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    context = {
        "dossier": dossier,
        "results": results.feedback_results(dossier=dossier),
        "anonymous_min": results.ANONYMOUS_MIN,
    }
    return render(request, "feedback/results.html", context)


@login_required
@require_POST
def answer_erase(request: HttpRequest, dossier_id: int, answer_id: int) -> HttpResponse:
    answer = answer_for_user(request.user, dossier_id, answer_id)
    services.answer_erase(answer=answer)
    messages.success(request, _("Réponse effacée, et le lien de cette personne retiré."))
    return redirect("feedback:requests", dossier_id)


@login_required
@require_POST
def discovery_add(request: HttpRequest, dossier_id: int, discovery_id: int) -> HttpResponse:
    discovery = discovery_for_user(request.user, dossier_id, discovery_id)
    try:
        item = services.discovery_add(discovery=discovery)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("« %(label)s » ajoutée à vos compétences, avec un exemple à compléter.")
            % {"label": item.label},
        )
    return redirect("feedback:results", dossier_id)


@login_required
@require_POST
def discovery_dismiss(request: HttpRequest, dossier_id: int, discovery_id: int) -> HttpResponse:
    discovery = discovery_for_user(request.user, dossier_id, discovery_id)
    services.discovery_dismiss(discovery=discovery)
    return redirect("feedback:results", dossier_id)


@login_required
def export(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    data = results.feedback_export(dossier=dossier)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="bilan-retours-{dossier.pk}.json"'
    return response
