"""Text extraction from interns' traces: documents, e-mails and mailboxes.

Pure Python, no Django: bytes or a path in, ``Extracted`` out. Failures never escape as
foreign exceptions; they come back as ``Extracted.error`` (or ``ExtractionFailed`` from the
mailbox iterators for problems with the mailbox as a whole).
"""

from __future__ import annotations

from .core import (
    extract_bytes,
    extract_path,
    iter_mailbox,
    iter_mbox_messages,
    render_errors,
)
from .detect import TYPES, detect_type
from .errors import MESSAGES, ExtractionFailed, message
from .isolated import extract_bytes_isolated, extract_file_isolated
from .limits import DEFAULT_LIMITS, Limits
from .result import Extracted

__all__ = [
    "DEFAULT_LIMITS",
    "MESSAGES",
    "TYPES",
    "Extracted",
    "ExtractionFailed",
    "Limits",
    "detect_type",
    "extract_bytes",
    "extract_bytes_isolated",
    "extract_file_isolated",
    "extract_path",
    "iter_mailbox",
    "iter_mbox_messages",
    "message",
    "render_errors",
]
