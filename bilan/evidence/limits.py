"""Upload and extraction limits from settings, as the extraction library's Limits."""

from __future__ import annotations

from django.conf import settings

from .extraction import Limits

MB = 1024 * 1024


def evidence_limits() -> Limits:
    configured = settings.BILAN_TRACE_LIMITS
    return Limits(
        max_file_bytes=configured["file_bytes"],
        max_import_bytes=configured["import_bytes"],
        max_messages=configured["messages"],
        max_pages=configured["pages"],
        max_seconds=configured["seconds"],
        max_memory_bytes=configured["memory_bytes"],
    )
