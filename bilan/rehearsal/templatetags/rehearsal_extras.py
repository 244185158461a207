from __future__ import annotations

from django import template

from bilan.rehearsal.outline import clock as _clock

register = template.Library()


@register.filter
def clock(seconds: int | None) -> str:
    return _clock(seconds or 0)
