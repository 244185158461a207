"""Explicit, configurable limits, and a cooperative deadline checked inside extraction loops."""

from __future__ import annotations

import time
from dataclasses import dataclass

from .errors import ExtractionFailed

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 25 * MB
    max_import_bytes: int = 500 * MB
    max_messages: int = 10_000
    max_pages: int = 500
    max_seconds: float = 30.0
    max_text_chars: int = 2_000_000
    # Zip-based documents (DOCX, ODT) and ZIP of EML: totals come from the central directory,
    # checked before anything is decompressed, then enforced again while reading.
    max_uncompressed_bytes: int = 200 * MB
    max_compression_ratio: int = 100
    max_zip_members: int = 20_000
    # Ratios of small members are meaningless (a 40 KB styles.xml can shrink 100 times).
    ratio_floor_bytes: int = 1 * MB
    # Attachments inside attachments (a forwarded message with its own attachments...).
    max_depth: int = 3
    # Only enforced by ``extract_file_isolated`` (RLIMIT_AS of the child process).
    max_memory_bytes: int = 1024 * MB


DEFAULT_LIMITS = Limits()


class Deadline:
    """Wall-clock budget of one extraction; in-process it is only as good as its checks.

    Code that cannot be interrupted (a pypdf call on one hostile page) can overrun it, which is
    why untrusted files go through ``extract_file_isolated``, where the child is killed.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self._end:
            raise ExtractionFailed("timeout", seconds=_seconds_label(self.seconds))

    def remaining(self) -> float:
        return max(0.0, self._end - time.monotonic())


def _seconds_label(seconds: float) -> float | int:
    return int(seconds) if float(seconds).is_integer() else seconds
