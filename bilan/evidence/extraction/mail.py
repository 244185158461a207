"""E-mail: one RFC 822 message, streamed MBOX and ZIP-of-EML reading, and Outlook MSG.

Messages are parsed with the lenient compat32 policy and every header is decoded by hand:
real mailboxes hold 8-bit headers, latin-1 bodies declared UTF-8 and made-up charsets, and
none of that may cost the rest of the mailbox.
"""

from __future__ import annotations

import base64
import binascii
import email.utils
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import Message
from email.parser import BytesParser
from typing import BinaryIO, cast

from .detect import decode_text, detect_type
from .errors import ExtractionFailed
from .limits import Deadline, Limits
from .result import Extracted
from .safezip import open_zip, read_member
from .textformats import html_to_text
from .textutil import aware, clean_text, truncate

# Extract one attachment: (content, filename, depth) -> Extracted. Supplied by ``core`` so this
# module does not import the dispatcher that imports it.
ChildExtractor = Callable[[bytes, "str | None", int], Extracted]

_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"(\?=)\s+(=\?)")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_ESCAPED_FROM = re.compile(rb"^>+From ")
_LINE_CAP = 64 * 1024
_MAX_PARTS = 1000
_MAX_NESTING = 50


@dataclass(frozen=True)
class Oversize:
    """A message too large to keep; only its size was counted while skipping it."""

    size: int


RawMessage = bytes | Oversize


# ---------------------------------------------------------------------------- decoding


def decode_payload(data: bytes, charset: str | None) -> str:
    """Declared charset when it really decodes the bytes, else UTF-8, cp1252, latin-1."""
    name = (charset or "").strip().strip("\"'").lower()
    if name and name not in ("unknown-8bit", "x-unknown"):
        try:
            return data.decode(name)
        except (LookupError, UnicodeError, ValueError):
            pass
    return decode_text(data)[0]


def decode_header_value(raw: str) -> str:
    """Unfold, undo 8-bit bytes smuggled as surrogates, then decode RFC 2047 encoded words."""
    if any("\udc80" <= char <= "\udcff" for char in raw):
        raw = decode_text(raw.encode("utf-8", "surrogateescape"))[0]
    raw = _FOLD.sub("", raw)
    # Whitespace between two encoded words is not part of the text (RFC 2047, section 6.2).
    raw = _BETWEEN_WORDS.sub(r"\1\2", raw)
    return " ".join(_ENCODED_WORD.sub(_decode_word, raw).split())


def _decode_word(match: re.Match[str]) -> str:
    charset, encoding, payload = match.groups()
    charset = charset.split("*", 1)[0]
    try:
        if encoding in "bB":
            data = base64.b64decode(payload + "=" * (-len(payload) % 4))
        else:
            data = binascii.a2b_qp(payload.encode("ascii", "replace"), header=True)
    except (binascii.Error, ValueError):
        return match.group(0)
    return decode_payload(data, charset)


def _header(message: Message, name: str) -> str | None:
    for key, value in message.raw_items():
        if key.lower() == name:
            text = decode_header_value(str(value))
            return text or None
    return None


def _sender(message: Message) -> str | None:
    value = _header(message, "from") or _header(message, "sender")
    if not value:
        return None
    try:
        name, address = email.utils.parseaddr(value)
    except Exception:
        return value
    if name and address:
        return f"{name} <{address}>"
    return address or name or value


def _date(message: Message) -> datetime | None:
    value = _header(message, "date")
    if not value:
        return None
    try:
        return aware(email.utils.parsedate_to_datetime(value))
    except Exception:
        return None


# ---------------------------------------------------------------------------- one message


def parse_message(
    raw: bytes,
    limits: Limits,
    deadline: Deadline,
    *,
    extract_child: ChildExtractor | None = None,
    depth: int = 0,
) -> Extracted:
    """One RFC 822 message: headers, body text, attachments as children with their bytes."""
    try:
        message = BytesParser(policy=policy.compat32).parsebytes(raw)
    except RecursionError as exc:
        raise ExtractionFailed("corrupt") from exc
    result = Extracted(
        type="eml",
        title=_header(message, "subject"),
        author=_sender(message),
        date=_date(message),
        message_id=_header(message, "message-id"),
    )
    plain: list[str] = []
    html: list[str] = []
    for count, part in enumerate(_leaf_parts(message, 0)):
        deadline.check()
        if count >= _MAX_PARTS:
            break
        _sort_part(part, plain, html, result, limits, deadline)
    if plain:
        body = "\n\n".join(plain)
    else:
        body = "\n\n".join(html_to_text(source, limits, deadline) for source in html)
    result.text, truncated = truncate(clean_text(body), limits.max_text_chars)
    if truncated:
        result.metadata["truncated"] = True
    if extract_child is not None and depth < limits.max_depth:
        result.children = [
            _extract_attachment(child, extract_child, depth) for child in result.children
        ]
    return result


def _leaf_parts(part: Message, nesting: int) -> Iterator[Message]:
    if nesting > _MAX_NESTING:
        raise ExtractionFailed("corrupt")
    if part.get_content_maintype() == "multipart":
        payload = part.get_payload()
        if isinstance(payload, list):
            for sub in payload:
                yield from _leaf_parts(cast(Message, sub), nesting + 1)
        return
    yield part


def _sort_part(
    part: Message,
    plain: list[str],
    html: list[str],
    result: Extracted,
    limits: Limits,
    deadline: Deadline,
) -> None:
    content_type = part.get_content_type()
    disposition = part.get_content_disposition()
    filename = _filename(part)
    if content_type == "message/rfc822":
        inner = part.get_payload()
        try:
            # Writers that base64-encode the forwarded message leave it unparsed.
            content = (
                cast(Message, inner[0]).as_bytes()
                if isinstance(inner, list) and inner
                else _payload(part)
            )
        except Exception:
            content = b""
        result.children.append(
            Extracted(type="eml", filename=filename or "message.eml", content=content)
        )
        return
    is_text = content_type in ("text/plain", "text/html")
    if disposition == "attachment" or not is_text or (filename and disposition != "inline"):
        content = _payload(part)
        if content or filename:
            result.children.append(
                Extracted(type=detect_type(content, filename), filename=filename, content=content)
            )
        return
    text = decode_payload(_payload(part), part.get_content_charset())
    (plain if content_type == "text/plain" else html).append(text)


def _payload(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        return b""
    return data if isinstance(data, bytes) else b""


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except Exception:
        name = None
    if not name:
        return None
    return decode_header_value(str(name)).replace("/", "_").replace("\\", "_") or None


def _extract_attachment(child: Extracted, extract_child: ChildExtractor, depth: int) -> Extracted:
    if child.content is None:
        return child
    extracted = extract_child(child.content, child.filename, depth + 1)
    extracted.filename = child.filename
    extracted.content = child.content
    # Attachments often have no title of their own; the file name tells them apart.
    extracted.title = extracted.title or child.filename
    return extracted


# ---------------------------------------------------------------------------- mailboxes


def iter_mbox_raw(stream: BinaryIO, limits: Limits) -> Iterator[tuple[str | None, RawMessage]]:
    """Raw messages of an MBOX, one at a time; memory holds one message, never the mailbox.

    Lines are read with a cap so a file without newlines cannot become one huge line.
    """
    lines: list[bytes] = []
    size = 0
    oversize = False
    started = False
    at_line_start = True
    while True:
        line = stream.readline(_LINE_CAP)
        if not line:
            break
        line_start = at_line_start
        at_line_start = line.endswith(b"\n")
        if line_start and line.startswith(b"From "):
            if started:
                yield None, (Oversize(size) if oversize else b"".join(lines))
            started, lines, size, oversize = True, [], 0, False
            continue
        if not started:
            if not line.strip():
                continue
            started = True
        if line_start and _ESCAPED_FROM.match(line):
            line = line[1:]
        size += len(line)
        if oversize:
            continue
        if size > limits.max_file_bytes:
            oversize, lines = True, []
        else:
            lines.append(line)
    if started:
        yield None, (Oversize(size) if oversize else b"".join(lines))


def iter_zip_eml_raw(stream: BinaryIO, limits: Limits) -> Iterator[tuple[str | None, RawMessage]]:
    with open_zip(stream, limits, total_limit=limits.max_import_bytes) as archive:
        for info in archive.infolist():
            name = info.filename
            if info.is_dir() or not name.lower().endswith(".eml") or "__MACOSX/" in name:
                continue
            if info.file_size > limits.max_file_bytes:
                yield name, Oversize(info.file_size)
                continue
            deadline = Deadline(limits.max_seconds)
            yield (
                name,
                read_member(archive, info, limits, deadline, max_bytes=limits.max_file_bytes),
            )


# ---------------------------------------------------------------------------- Outlook MSG

_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def extract_msg_file(
    data: bytes,
    limits: Limits,
    deadline: Deadline,
    *,
    extract_child: ChildExtractor | None = None,
    depth: int = 0,
) -> Extracted:
    # A password-protected Word file is also an OLE2 container, with this stream in it.
    if _ENCRYPTED_PACKAGE in data[: 1024 * 1024]:
        raise ExtractionFailed("encrypted")
    import extract_msg  # heavy import, only paid when an Outlook file shows up
    from extract_msg.enums import ErrorBehavior

    try:
        msg = extract_msg.openMsg(data, strict=False, errorBehavior=ErrorBehavior.SUPPRESS_ALL)
    except Exception as exc:
        raise ExtractionFailed("corrupt") from exc
    try:
        result = Extracted(type="msg")
        result.title = _msg_text(msg, "subject")
        result.author = _msg_text(msg, "sender")
        result.message_id = _msg_text(msg, "messageId")
        try:
            date = msg.date  # type: ignore[attr-defined]  # openMsg is typed as the base MSGFile
        except Exception:
            date = None
        result.date = aware(date) if isinstance(date, datetime) else None
        body = _msg_text(msg, "body", clean=False)
        if not body:
            try:
                html = msg.htmlBody  # type: ignore[attr-defined]
            except Exception:
                html = None
            if isinstance(html, bytes):
                body = html_to_text(decode_text(html)[0], limits, deadline)
        result.text, truncated = truncate(clean_text(body or ""), limits.max_text_chars)
        if truncated:
            result.metadata["truncated"] = True
        for attachment in _msg_attachments(msg):
            deadline.check()
            filename = _attachment_name(attachment)
            content = getattr(attachment, "data", None)
            if not isinstance(content, bytes):
                # Embedded messages come back as objects, not bytes; keep a trace of them.
                result.children.append(Extracted(type="msg", filename=filename, title=filename))
                continue
            child = Extracted(
                type=detect_type(content, filename), filename=filename, content=content
            )
            if extract_child is not None and depth < limits.max_depth:
                child = _extract_attachment(child, extract_child, depth)
            result.children.append(child)
        return result
    finally:
        try:
            msg.close()
        except Exception:  # noqa: S110 - closing a half-broken file is best effort
            pass


def _msg_text(msg: object, name: str, *, clean: bool = True) -> str | None:
    try:
        value = getattr(msg, name)
    except Exception:
        return None
    if isinstance(value, bytes):
        value = decode_text(value)[0]
    if not isinstance(value, str):
        return None
    value = clean_text(value) if clean else value
    return value or None


def _msg_attachments(msg: object) -> list[object]:
    try:
        attachments = getattr(msg, "attachments", None) or []
    except Exception:
        return []
    return list(attachments)[:_MAX_PARTS]


def _attachment_name(attachment: object) -> str | None:
    for name in ("longFilename", "shortFilename", "name"):
        try:
            value = getattr(attachment, name, None)
        except Exception:
            value = None
        if isinstance(value, str) and value.strip():
            return value.strip().replace("/", "_").replace("\\", "_")
    return None
