"""The tutor's side, reached only by their personal link: read the record, confirm or correct.

Pages render in the tutor's language. Refused links get a clear page and change nothing;
unknown links count against the caller's address, with the feedback links' counter.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_http_methods

from bilan.core.public import public_page, request_language
from bilan.feedback import ratelimit

from . import services
from .forms import CorrectionForm
from .models import Record

REFUSAL_STATUS = {
    "invalid": 404,
    "expired": 410,
    "used": 410,
    "outdated": 410,
    "frozen": 410,
    "blocked": 429,
}


def _refused(request: HttpRequest, reason: str) -> HttpResponse:
    return public_page(
        request,
        "meeting/public/refused.html",
        {"reason": reason},
        language=request_language(request),
        status=REFUSAL_STATUS[reason],
    )


def _language(record: Record) -> str:
    contact = services.tutor_contact(dossier=record.dossier)
    return contact.language if contact else record.dossier.language


@require_http_methods(["GET", "HEAD", "POST"])
def record(request: HttpRequest, token: str) -> HttpResponse:
    if ratelimit.is_blocked(request):
        return _refused(request, "blocked")
    try:
        current = services.meeting_record_for_token(token)
    except services.LinkRefused as refusal:
        if refusal.reason == "invalid":
            ratelimit.note_refusal(request)
        return _refused(request, refusal.reason)
    language = _language(current)
    context: dict[str, Any] = {"record": current, "dossier": current.dossier}
    with translation.override(language):
        form = CorrectionForm(request.POST if request.POST.get("action") == "correct" else None)
        try:
            if request.POST.get("action") == "confirm":
                done = services.meeting_record_tutor_confirm(record=current)
                context |= {"record": done, "outcome": "confirmed"}
                return public_page(request, "meeting/public/done.html", context, language=language)
            if request.POST.get("action") == "correct" and form.is_valid():
                done = services.meeting_record_tutor_correct(
                    record=current, comment=form.cleaned_data["comment"]
                )
                context |= {"record": done, "outcome": "correction"}
                return public_page(request, "meeting/public/done.html", context, language=language)
        except services.LinkRefused as refusal:
            return _refused(request, refusal.reason)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
    context["form"] = form
    status = 400 if request.method == "POST" else 200
    return public_page(
        request, "meeting/public/record.html", context, language=language, status=status
    )
