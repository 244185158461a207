"""Pages reached by a personal link (raters, the tutor): no account, the link's language."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation


def public_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    language: str,
    status: int = 200,
) -> HttpResponse:
    with translation.override(language):
        response = render(request, template, context, status=status)
    response["Content-Language"] = language
    # The token is in the address: keep it out of Referer headers sent to other sites and out
    # of shared caches. Not "no-referrer": browsers then send "Origin: null" with the form,
    # which Django's CSRF check rightly refuses.
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    return response


def request_language(request: HttpRequest) -> str:
    return (getattr(request, "LANGUAGE_CODE", "") or "fr")[:2]
