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

from bilan.core.public import LinkRefused, link_resolve, public_page, refused_page

from . import services
from .forms import CorrectionForm
from .models import Record

REFUSED_TEMPLATE = "meeting/public/refused.html"


def _language(record: Record) -> str:
    contact = services.tutor_contact(dossier=record.dossier)
    return contact.language if contact else record.dossier.language


@require_http_methods(["GET", "HEAD", "POST"])
def record(request: HttpRequest, token: str) -> HttpResponse:
    current = link_resolve(
        request, token, services.meeting_record_for_token, template=REFUSED_TEMPLATE
    )
    if isinstance(current, HttpResponse):
        return current
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
        except LinkRefused as refusal:
            return refused_page(request, refusal.reason, template=REFUSED_TEMPLATE)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
    context["form"] = form
    status = 400 if request.method == "POST" else 200
    return public_page(
        request, "meeting/public/record.html", context, language=language, status=status
    )
