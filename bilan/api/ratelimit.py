"""Requests per token in a fixed window, counted in Django's cache (add + incr).

Like the feedback links' limit in `bilan/core/public.py`: a counter with an expiry, shared
between processes when BILAN_CACHE_TABLE is set. django-ninja's throttles would do the
counting too, but answer in their own format and read the rate per view, not from settings.
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def rate_parse(value: str) -> tuple[int, int]:
    """ "600/hour" -> (600, 3600): requests allowed, window in seconds."""
    count, _slash, unit = value.strip().partition("/")
    unit = unit.strip().lower().rstrip("s")
    if not count.strip().isdigit() or unit not in UNITS:
        raise ImproperlyConfigured(
            f"BILAN_API_RATE must look like '600/hour' (units: {', '.join(UNITS)}), not {value!r}"
        )
    return int(count), UNITS[unit]


def rate_hit(key: str) -> int | None:
    """Count one request for `key`; None when allowed, else the seconds until the window ends."""
    allowed, window = rate_parse(settings.BILAN_API_RATE)
    now = time.time()
    bucket = int(now // window)
    cache_key = f"api:rate:{key}:{bucket}"
    cache.add(cache_key, 0, timeout=window + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window + 1)
        count = 1
    if count <= allowed:
        return None
    return max(1, math.ceil((bucket + 1) * window - now))
