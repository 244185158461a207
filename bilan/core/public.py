"""Everything an outsider reaches by a personal link (raters, the tutor), in one place.

- **Tokens**: a random token is e-mailed once and stored only as its SHA-256. A token is
  replaced at every e-mail, so only the latest link works. An app that wants its tokens never to
  open another app's objects hashes them with a purpose prefix (``token_hash(token, purpose=...)``).
- **Refusals**: a lookup raises ``LinkRefused(reason)``; the caller gets a clear page in the
  caller's language with the status from ``REFUSAL_STATUS``, and nothing changes.
- **Rate limit**: unknown links count against the caller's address; past
  ``BILAN_FEEDBACK_RATE_LIMIT`` refusals within ``BILAN_FEEDBACK_RATE_WINDOW`` seconds every link
  answers 429. It is hand-written on purpose: it is a counter with an expiry in Django's cache
  (add + incr, a dozen lines). The libraries that do this (django-ratelimit and the like) count
  every request per view through a decorator, while we count only refused tokens across two
  apps; they would add a dependency and no behaviour we need. With several app processes, set
  BILAN_CACHE_TABLE (a database cache table) so the count is shared too.
- **Pages**: ``public_page`` renders in the link's language, keeps the token out of Referer
  headers and shared caches.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

T = TypeVar("T")

# --- Tokens ----------------------------------------------------------------------------------

TOKEN_BYTES = 32
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def token_new() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str, *, purpose: str = "") -> str:
    return hashlib.sha256((purpose + token).encode("ascii", "replace")).hexdigest()


def token_well_formed(token: str) -> bool:
    return bool(TOKEN_PATTERN.match(token))


# --- Refusals --------------------------------------------------------------------------------


class LinkRefused(Exception):
    """The link opens nothing; ``reason`` is a key of ``REFUSAL_STATUS``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


REFUSAL_STATUS = {
    "invalid": 404,  # unknown, malformed or replaced by a newer link
    "revoked": 410,  # withdrawn by the intern
    "expired": 410,
    "closed": 410,  # the feedback round is closed
    "used": 410,  # a one-time link already used
    "outdated": 410,  # the object changed since the link was sent
    "frozen": 410,  # the object is final
    "blocked": 429,  # too many invalid links from this address
}


# --- Rate limit ------------------------------------------------------------------------------


def client_address(request: HttpRequest) -> str:
    """The client's address; behind our own proxy, the hop that proxy appended last."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_PROXY and forwarded:
        # Only the right-most entry was written by our proxy; the others are client claims.
        return str(forwarded.split(",")[-1].strip())
    return str(request.META.get("REMOTE_ADDR", "") or "unknown")


def _key(request: HttpRequest) -> str:
    address = client_address(request)
    return "links:refused:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def is_blocked(request: HttpRequest) -> bool:
    return int(cache.get(_key(request), 0)) >= int(settings.BILAN_FEEDBACK_RATE_LIMIT)


def note_refusal(request: HttpRequest) -> None:
    key, window = _key(request), int(settings.BILAN_FEEDBACK_RATE_WINDOW)
    cache.add(key, 0, timeout=window)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)


# --- Pages -----------------------------------------------------------------------------------


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


def refused_page(request: HttpRequest, reason: str, *, template: str) -> HttpResponse:
    """The app's refusal page (worded for its audience), with the reason's status."""
    return public_page(
        request,
        template,
        {"reason": reason},
        language=request_language(request),
        status=REFUSAL_STATUS[reason],
    )


def link_resolve(
    request: HttpRequest, token: str, lookup: Callable[[str], T], *, template: str
) -> T | HttpResponse:
    """What the token opens, or the refusal page; unknown tokens count toward the rate limit."""
    if is_blocked(request):
        return refused_page(request, "blocked", template=template)
    try:
        return lookup(token)
    except LinkRefused as refusal:
        if refusal.reason == "invalid":
            note_refusal(request)
        return refused_page(request, refusal.reason, template=template)
