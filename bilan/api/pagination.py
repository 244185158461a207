"""Cursor pagination in a stable order, (updated_at, id), for incremental sync.

A cursor is the position after the last item of a page, signed so that a client can neither
forge one nor be misled by a truncated one. Ordering by last change means a client that saved
the last `updated_at` it saw can ask for `updated_since` next time; an object changed while a
client pages through moves to the end, where it is read again rather than skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django.core import signing
from django.db.models import Model, Q, QuerySet
from django.utils.dateparse import parse_datetime

from .errors import ApiError

M = TypeVar("M", bound=Model)

_SALT = "bilan.api.cursor"


def cursor_encode(updated_at: dt.datetime, pk: int) -> str:
    return signing.dumps([updated_at.isoformat(), pk], salt=_SALT, compress=True)


def cursor_decode(cursor: str) -> tuple[dt.datetime, int]:
    try:
        stamp, pk = signing.loads(cursor, salt=_SALT)
        when = parse_datetime(stamp)
    except (signing.BadSignature, ValueError, TypeError):
        raise ApiError(400, "invalid_cursor") from None
    if when is None or not isinstance(pk, int):
        raise ApiError(400, "invalid_cursor")
    return when, pk


def page(
    queryset: QuerySet[M],
    *,
    cursor: str | None,
    limit: int,
    field: str = "updated_at",
    serialise: Callable[[M], Any],
) -> dict[str, Any]:
    """One page: {"items": [...], "next_cursor": str | None}; `field` may be an annotation."""
    ordered = queryset.order_by(field, "pk")
    if cursor:
        when, pk = cursor_decode(cursor)
        ordered = ordered.filter(Q(**{f"{field}__gt": when}) | Q(**{field: when, "pk__gt": pk}))
    rows = list(ordered[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        next_cursor = cursor_encode(getattr(last, field), last.pk)
    return {"items": [serialise(row) for row in rows], "next_cursor": next_cursor}
