"""A per-address counter of refused links, so tokens cannot be guessed by brute force.

Kept in Django's cache: with several app processes, set BILAN_CACHE_TABLE (a database cache
table) so the count is shared too.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address; behind our own proxy, the hop that proxy appended last."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_PROXY and forwarded:
        # Only the right-most entry was written by our proxy; the others are client claims.
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(request: HttpRequest) -> str:
    address = client_address(request)
    return "feedback:refused:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def is_blocked(request: HttpRequest) -> bool:
    return int(cache.get(_key(request), 0)) >= int(settings.BILAN_FEEDBACK_RATE_LIMIT)


def note_refusal(request: HttpRequest) -> None:
    key, window = _key(request), int(settings.BILAN_FEEDBACK_RATE_WINDOW)
    cache.add(key, 0, timeout=window)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
