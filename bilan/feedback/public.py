"""The rater's side, reached only by a personal link: a notice first, then the form.

Every page renders in the rater's language. Refused links get a clear page and change
nothing; unknown links count against the caller's address (HTTP 429 past the limit).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.http import require_http_methods

from bilan.core.public import link_resolve, public_page, refused_page
from bilan.dossiers.models import Objective

from . import review, services
from .forms import ColleagueForm, TutorForm
from .models import Answer, FeedbackRequest

REFUSED_TEMPLATE = "feedback/public/refused.html"


def _resolve(request: HttpRequest, token: str) -> FeedbackRequest | HttpResponse:
    return link_resolve(
        request, token, services.feedback_request_for_token, template=REFUSED_TEMPLATE
    )


@require_http_methods(["GET", "HEAD"])
def notice(request: HttpRequest, token: str) -> HttpResponse:
    resolved = _resolve(request, token)
    if isinstance(resolved, HttpResponse):
        return resolved
    services.feedback_request_open(feedback_request=resolved)
    return public_page(
        request,
        "feedback/public/notice.html",
        {"feedback_request": resolved, "token": token, "dossier": resolved.dossier},
        language=resolved.language,
    )


def _form(feedback_request: FeedbackRequest, data: Any = None) -> ColleagueForm | TutorForm:
    dossier = feedback_request.dossier
    skills = list(dossier.skills.select_related("skill"))
    answer = (
        Answer.objects.filter(request=feedback_request).first() if feedback_request.pk else None
    )
    if not feedback_request.is_tutor:
        initial = (
            {
                "strengths": [s.pk for s in answer.strengths.all()],
                **{n: getattr(answer, n) for n in ColleagueForm.texts_fields},
            }
            if answer
            else {}
        )
        return ColleagueForm(data, skills=skills, initial=initial)
    current = services.round_get(dossier=dossier)
    criteria = list(current.grid.criteria.all()) if current.grid else []
    objectives = list(dossier.objectives.exclude(status=Objective.Status.DROPPED))
    initial = {}
    if answer:
        initial = {key.replace(":", "_"): value for key, value in answer.rating_values().items()}
        initial |= {n: getattr(answer, n) for n in TutorForm.texts_fields}
        initial |= {
            "host_again": answer.host_again,
            "offers_recommendation": answer.offers_recommendation,
        }
    return TutorForm(
        data,
        criteria=criteria,
        objectives=objectives,
        skills=skills,
        scale=current.scale,
        initial=initial,
    )


def questionnaire_preview(feedback_request: FeedbackRequest) -> str:
    """The questionnaire this person will get, in their language, read-only, for the intern."""
    with translation.override(feedback_request.language):
        form = _form(feedback_request)
        form.auto_id = "preview-%s"  # beside the invitation form: its ids must differ
        return render_to_string("feedback/_questionnaire_preview.html", {"form": form})


def _digest(texts: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(texts, sort_keys=True).encode()).hexdigest()[:32]


@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    resolved = _resolve(request, token)
    if isinstance(resolved, HttpResponse):
        return resolved
    language = resolved.language
    with translation.override(language):
        form = _form(resolved, request.POST if request.method == "POST" else None)
        flags: list[review.Flag] = []
        digest = ""
        if request.method == "POST" and form.is_valid():
            texts = form.texts()
            digest = _digest(texts)
            # Advice is shown once per version of the texts; the rater may then submit as is.
            if request.POST.get("reviewed") != digest:
                flags = review.comment_review(texts=texts, language=language, coached=form.coached)
            if not flags:
                try:
                    services.feedback_answer_submit(
                        feedback_request=resolved, **form.service_kwargs()
                    )
                except PermissionDenied:
                    return refused_page(request, "closed", template=REFUSED_TEMPLATE)
                return redirect("feedback_public:thanks", token)
    context = {
        "feedback_request": resolved,
        "dossier": resolved.dossier,
        "token": token,
        "form": form,
        "flags": flags,
        "digest": digest,
        "amending": resolved.answered_at is not None,
    }
    status = 400 if request.method == "POST" and not flags else 200
    return public_page(
        request, "feedback/public/answer.html", context, language=language, status=status
    )


@require_http_methods(["GET", "HEAD"])
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    resolved = _resolve(request, token)
    if isinstance(resolved, HttpResponse):
        return resolved
    context = {"feedback_request": resolved, "dossier": resolved.dossier, "token": token}
    return public_page(request, "feedback/public/thanks.html", context, language=resolved.language)
