"""Login throttling: failed logins counted per client address and per account.

A guessing attack from one address trips the address counter; a slow attack on one account
from many addresses trips the account counter. Both are counters with an expiry in Django's
cache (BILAN_CACHE_TABLE shares them between app processes), reset by nothing but time, except
the account's, which a successful login clears. The limits and the window are settings
(BILAN_LOGIN_RATE_*). As for the feedback links (bilan.core.public), counting only failures
is a dozen lines; a rate-limit library would count every request and add nothing we need.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from bilan.core.public import client_address


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _keys(request: HttpRequest | None, email: str) -> list[tuple[str, int]]:
    keys = [
        ("login:account:" + _digest(email.strip().lower()), settings.BILAN_LOGIN_RATE_LIMIT_ACCOUNT)
    ]
    if request is not None:
        keys.append(
            ("login:ip:" + _digest(client_address(request)), settings.BILAN_LOGIN_RATE_LIMIT_IP)
        )
    return keys


def login_blocked(request: HttpRequest | None, email: str) -> bool:
    return any(int(cache.get(key, 0)) >= int(limit) for key, limit in _keys(request, email))


def login_failure_note(request: HttpRequest | None, email: str) -> None:
    window = int(settings.BILAN_LOGIN_RATE_WINDOW)
    for key, _limit in _keys(request, email):
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)


def login_success_note(email: str) -> None:
    cache.delete(_keys(None, email)[0][0])
