"""PDF through pypdf: metadata, page limit, per-page text with deadline checks."""

from __future__ import annotations

import io
import logging
from datetime import datetime
from typing import Any

from pypdf import PasswordType, PdfReader

from .errors import ExtractionFailed
from .limits import Deadline, Limits
from .result import Extracted
from .textutil import aware, clean_text, truncate

# pypdf reports every repaired defect as a warning; broken files are expected input here.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def extract_pdf(data: bytes, limits: Limits, deadline: Deadline) -> Extracted:
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        # Many PDFs are "encrypted" only to set permissions, with an empty user password.
        try:
            decrypted = reader.decrypt("") != PasswordType.NOT_DECRYPTED
        except Exception:
            decrypted = False
        if not decrypted:
            raise ExtractionFailed("encrypted")
    pages = len(reader.pages)
    if pages > limits.max_pages:
        raise ExtractionFailed("too_many_pages", pages=pages, limit=limits.max_pages)
    result = Extracted(type="pdf", metadata={"pages": pages})
    _read_metadata(reader, result)
    texts: list[str] = []
    size = 0
    failed_pages = 0
    for page in reader.pages:
        deadline.check()
        try:
            page_text = page.extract_text() or ""
        except ExtractionFailed:
            raise
        except Exception:
            # One broken content stream should not cost the other pages.
            failed_pages += 1
            continue
        texts.append(page_text)
        size += len(page_text)
        if size > limits.max_text_chars:
            break
    text, truncated = truncate(clean_text("\n\n".join(texts)), limits.max_text_chars)
    result.text = text
    if truncated:
        result.metadata["truncated"] = True
    if failed_pages:
        result.metadata["failed_pages"] = failed_pages
    if not text:
        if pages and failed_pages == pages:
            raise ExtractionFailed("corrupt")
        result.error_code = "pdf_no_text"
    return result


def _read_metadata(reader: PdfReader, result: Extracted) -> None:
    try:
        info = reader.metadata
    except Exception:
        return
    if info is None:
        return
    result.title = _meta_text(info, "title")
    result.author = _meta_text(info, "author")
    try:
        created = info.creation_date
    except Exception:
        created = None
    result.date = aware(created) if isinstance(created, datetime) else None


def _meta_text(info: Any, name: str) -> str | None:
    try:
        value = getattr(info, name)
    except Exception:
        return None
    if not isinstance(value, str):
        return None
    return clean_text(value) or None
