"""In-process entry points: detect, check limits, dispatch, and turn every failure into data.

In-process extraction trusts pypdf and the stdlib parsers to honour the cooperative deadline;
files from strangers go through ``isolated.extract_file_isolated`` instead.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from .detect import HEAD_BYTES, detect_type, detect_zip_names
from .errors import DEFAULT_LANG, ExtractionFailed, message
from .images import extract_image
from .limits import DEFAULT_LIMITS, Deadline, Limits
from .mail import (
    RawMessage,
    extract_msg_file,
    iter_mbox_raw,
    iter_zip_eml_raw,
    parse_message,
)
from .office import extract_docx, extract_odt
from .pdf import extract_pdf
from .result import Extracted
from .textformats import extract_html, extract_markdown, extract_txt

MAILBOX_TYPES = frozenset({"mbox", "zip-eml"})

Extractor = Callable[[bytes, Limits, Deadline], Extracted]

_SIMPLE: dict[str, Extractor] = {
    "pdf": extract_pdf,
    "docx": extract_docx,
    "odt": extract_odt,
    "txt": extract_txt,
    "markdown": extract_markdown,
    "html": extract_html,
    "png": lambda data, limits, deadline: extract_image(data, "png", limits, deadline),
    "jpeg": lambda data, limits, deadline: extract_image(data, "jpeg", limits, deadline),
}


def extract_bytes(
    data: bytes,
    filename: str | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    lang: str = DEFAULT_LANG,
) -> Extracted:
    """Extract a file already in memory. Never raises: failures come back in ``error``."""
    result = _extract(data, filename, limits, lang, depth=0)
    render_errors(result, lang)
    return result


def extract_path(
    path: str | os.PathLike[str],
    *,
    limits: Limits = DEFAULT_LIMITS,
    lang: str = DEFAULT_LANG,
) -> Extracted:
    """Extract a file on disk without reading more of it than its type's limit allows.

    A mailbox comes back as one ``Extracted`` whose children are the messages; their
    attachments are extracted but their bytes dropped, to keep memory bounded. Importers
    should prefer ``iter_mailbox``.
    """
    path = Path(path)
    try:
        kind, size = probe_path(path)
    except ExtractionFailed as exc:
        return _failure("unknown", path.name, exc, lang)
    try:
        _check_size(kind, size, limits)
        if kind in MAILBOX_TYPES:
            return _collect_mailbox(path, kind, limits, lang)
        with path.open("rb") as stream:
            data = stream.read(limits.max_file_bytes + 1)
    except ExtractionFailed as exc:
        return _failure(kind, path.name, exc, lang)
    except OSError:
        return _failure(kind, path.name, ExtractionFailed("corrupt"), lang)
    return extract_bytes(data, path.name, limits=limits, lang=lang)


def _collect_mailbox(path: Path, kind: str, limits: Limits, lang: str) -> Extracted:
    result = Extracted(type=kind, filename=path.name)
    try:
        for message_result in iter_mailbox(path, limits=limits, lang=lang):
            for child in message_result.children:
                child.content = None
            result.children.append(message_result)
    except ExtractionFailed as exc:
        # Messages read before the mailbox-level failure are kept.
        result.error_code, result.error_params = exc.code, exc.params
        render_errors(result, lang)
    return result


def iter_mailbox(
    path: str | os.PathLike[str],
    *,
    limits: Limits = DEFAULT_LIMITS,
    lang: str = DEFAULT_LANG,
    extract_attachments: bool = True,
) -> Iterator[Extracted]:
    """Stream the messages of an MBOX, a ZIP of EML, or a single EML, one at a time.

    Each message is an ``Extracted`` of type ``eml`` whose children are its attachments, with
    their bytes in ``content``. With ``extract_attachments=False`` the children only carry
    type, file name and bytes, for a caller that extracts them in isolation itself.
    Problems with one message land in its ``error``; problems with the mailbox itself
    (too large, too many messages, unreadable archive) raise ``ExtractionFailed``.
    """
    path = Path(path)
    kind, size = probe_path(path)
    if kind not in MAILBOX_TYPES and kind != "eml":
        raise ExtractionFailed("unsupported")
    _check_size(kind, size, limits)

    def child(content: bytes, filename: str | None, depth: int) -> Extracted:
        return _extract(content, filename, limits, lang, depth)

    extract_child = child if extract_attachments else None
    try:
        with path.open("rb") as stream:
            for number, (name, raw) in enumerate(_raw_messages(kind, stream, limits), start=1):
                if number > limits.max_messages:
                    raise ExtractionFailed("too_many_messages", limit=limits.max_messages)
                result = _message(raw, name, limits, extract_child)
                render_errors(result, lang)
                yield result
    except OSError as exc:
        raise ExtractionFailed("corrupt") from exc


def iter_mbox_messages(
    path: str | os.PathLike[str],
    *,
    limits: Limits = DEFAULT_LIMITS,
    lang: str = DEFAULT_LANG,
    extract_attachments: bool = True,
) -> Iterator[Extracted]:
    """``iter_mailbox`` under the name the importer looks for; any mailbox kind is accepted."""
    return iter_mailbox(path, limits=limits, lang=lang, extract_attachments=extract_attachments)


def render_errors(result: Extracted, lang: str) -> None:
    """Fill ``error`` from ``error_code`` for a result and all its descendants."""
    if result.error_code:
        result.error = message(result.error_code, lang, **result.error_params)
    for child in result.children:
        render_errors(child, lang)


# ---------------------------------------------------------------------------- internals


def probe_path(path: Path) -> tuple[str, int]:
    """Detected type and size of a file, reading only its head (and a zip's directory)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(HEAD_BYTES)
            kind = detect_type(head, path.name)
            if head.startswith(b"PK") and size > len(head):
                kind = _zip_kind(stream, head)
    except FileNotFoundError as exc:
        raise ExtractionFailed("not_found", path=str(path)) from exc
    except OSError as exc:
        raise ExtractionFailed("corrupt") from exc
    return kind, size


def _zip_kind(stream: BinaryIO, head: bytes) -> str:
    # Only the central directory is read; the listing decides DOCX, ODT or ZIP of EML.
    try:
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            return detect_zip_names(head, archive.namelist())
    except Exception:
        return detect_type(head)


def _check_size(kind: str, size: int, limits: Limits) -> None:
    if kind in MAILBOX_TYPES:
        if size > limits.max_import_bytes:
            raise ExtractionFailed(
                "import_too_large", size=size, limit_bytes=limits.max_import_bytes
            )
    elif size > limits.max_file_bytes:
        raise ExtractionFailed("too_large", size=size, limit_bytes=limits.max_file_bytes)


def _raw_messages(
    kind: str, stream: BinaryIO, limits: Limits
) -> Iterator[tuple[str | None, RawMessage]]:
    if kind == "zip-eml":
        return iter_zip_eml_raw(stream, limits)
    if kind == "eml":
        return iter([(None, stream.read(limits.max_file_bytes))])
    return iter_mbox_raw(stream, limits)


def _message(
    raw: RawMessage,
    name: str | None,
    limits: Limits,
    extract_child: Callable[[bytes, str | None, int], Extracted] | None,
) -> Extracted:
    if not isinstance(raw, bytes):
        return Extracted(
            type="eml",
            filename=name,
            error_code="too_large",
            error_params={"size": raw.size, "limit_bytes": limits.max_file_bytes},
        )
    deadline = Deadline(limits.max_seconds)
    result = _guarded(
        "eml",
        limits,
        lambda: parse_message(raw, limits, deadline, extract_child=extract_child),
    )
    result.filename = name
    return result


def _extract(data: bytes, filename: str | None, limits: Limits, lang: str, depth: int) -> Extracted:
    kind = "unknown"

    def run() -> Extracted:
        nonlocal kind
        kind = detect_type(data, filename)
        _check_size(kind, len(data), limits)
        deadline = Deadline(limits.max_seconds)
        if kind in _SIMPLE:
            return _SIMPLE[kind](data, limits, deadline)
        if kind in ("eml", "msg"):
            extract_child = None
            if depth < limits.max_depth:

                def extract_child(content: bytes, name: str | None, level: int) -> Extracted:
                    return _extract(content, name, limits, lang, level)

            parse = parse_message if kind == "eml" else extract_msg_file
            return parse(data, limits, deadline, extract_child=extract_child, depth=depth)
        if kind in MAILBOX_TYPES:
            return _mailbox_from_bytes(kind, data, limits, lang, depth)
        raise ExtractionFailed("unsupported")

    result = _guarded(kind, limits, run)
    if result.type == "unknown" and kind != "unknown":
        result.type = kind
    result.filename = filename
    return result


def _mailbox_from_bytes(kind: str, data: bytes, limits: Limits, lang: str, depth: int) -> Extracted:
    result = Extracted(type=kind)

    def child(content: bytes, filename: str | None, level: int) -> Extracted:
        return _extract(content, filename, limits, lang, level)

    extract_child = child if depth < limits.max_depth else None
    try:
        for number, (name, raw) in enumerate(_raw_messages(kind, io.BytesIO(data), limits), 1):
            if number > limits.max_messages:
                raise ExtractionFailed("too_many_messages", limit=limits.max_messages)
            message_result = _message(raw, name, limits, extract_child)
            for attachment in message_result.children:
                attachment.content = None
            result.children.append(message_result)
    except ExtractionFailed as exc:
        result.error_code, result.error_params = exc.code, exc.params
    return result


def _guarded(kind: str, limits: Limits, run: Callable[[], Extracted]) -> Extracted:
    """The one place where foreign exceptions become error codes."""
    try:
        return run()
    except ExtractionFailed as exc:
        return Extracted(type=kind, error_code=exc.code, error_params=exc.params)
    except MemoryError:
        return Extracted(
            type=kind,
            error_code="out_of_memory",
            error_params={"limit_bytes": limits.max_memory_bytes},
        )
    except Exception:
        # Parsers signal broken input with anything from KeyError to RecursionError.
        return Extracted(type=kind, error_code="corrupt")


def _failure(kind: str, filename: str | None, exc: ExtractionFailed, lang: str) -> Extracted:
    result = Extracted(type=kind, filename=filename, error_code=exc.code, error_params=exc.params)
    render_errors(result, lang)
    return result
