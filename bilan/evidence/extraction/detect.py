"""Content-based type detection: magic bytes first, the file name only to break text ties."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable

TYPES = (
    "pdf",
    "docx",
    "odt",
    "txt",
    "markdown",
    "html",
    "eml",
    "mbox",
    "msg",
    "png",
    "jpeg",
    "zip-eml",
    "unknown",
)

# How much of a file callers should pass; enough for header blocks and the first zip members.
HEAD_BYTES = 64 * 1024

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ODT_MIME = b"application/vnd.oasis.opendocument.text"

_HEADER_LINE = re.compile(rb"^[!-9;-~]{1,76}:[ \t]?")
_MBOX_FROM = re.compile(rb"^From \S+")
# Headers that mark a stored message rather than a text that happens to contain a colon.
_STRONG_HEADERS = {b"received", b"message-id", b"mime-version", b"return-path", b"delivered-to"}
_MAIL_HEADERS = _STRONG_HEADERS | {
    b"from",
    b"to",
    b"cc",
    b"subject",
    b"date",
    b"reply-to",
    b"sender",
    b"content-type",
    b"x-mailer",
    b"in-reply-to",
    b"references",
}
_MARKDOWN_SIGNS = (
    re.compile(r"(?m)^#{1,6} \S"),
    re.compile(r"(?m)^```"),
    re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),
    re.compile(r"(?m)^\s*[-*+] \S"),
    re.compile(r"\*\*[^*\n]+\*\*"),
    re.compile(r"(?m)^> \S"),
    re.compile(r"(?m)^(?:-{3,}|={3,})\s*$"),
)
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b")
_HTML_ANYWHERE = re.compile(rb"<(?:html|head|body)\b[^>]*>", re.IGNORECASE)
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def detect_type(data_head: bytes, filename: str | None = None) -> str:
    """Return one of ``TYPES`` from the first bytes of a file (ideally ``HEAD_BYTES`` of them).

    Passing the whole file lets zip-based formats be told apart from the central directory;
    with only a head, the local headers of the first members are used.
    """
    head = data_head
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _detect_zip(head, _zip_names_from_bytes(head))
    if head.startswith(OLE2_MAGIC):
        return "msg"
    if head.startswith(PNG_MAGIC):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return _detect_text(head, filename)


def detect_zip_names(head: bytes, names: Iterable[str]) -> str:
    """Zip flavour from a known member list (the importer has the file, not just a head)."""
    return _detect_zip(head, list(names))


def _detect_zip(head: bytes, names: list[str] | None) -> str:
    # ODF requires an uncompressed first member "mimetype"; its content sits at a fixed offset.
    if head[30:38] == b"mimetype":
        extra_len = int.from_bytes(head[28:30], "little")
        content = head[38 + extra_len : 38 + extra_len + len(ODT_MIME)]
        if content.startswith(b"application/vnd.oasis.opendocument."):
            # Spreadsheets and presentations are ODF too, but not supported.
            return "odt" if content == ODT_MIME else "unknown"
    if names is None:
        names = _zip_names_from_local_headers(head)
    lowered = [name.lower() for name in names]
    if "[content_types].xml" in lowered or "word/document.xml" in lowered:
        return "docx" if "word/document.xml" in lowered or not _complete(names) else "unknown"
    if "mimetype" in lowered and "content.xml" in lowered:
        return "odt"
    files = [
        name
        for name in lowered
        if not name.endswith("/") and not name.startswith("__macosx/") and ".ds_store" not in name
    ]
    if files and all(name.endswith(".eml") for name in files):
        return "zip-eml"
    return "unknown"


def _complete(names: list[str]) -> bool:
    # Names read from local headers of a head are a prefix; "[Content_Types].xml" without
    # "word/document.xml" only proves "not a DOCX" when the listing is the full directory.
    return not getattr(names, "partial", False)


class _PartialNames(list[str]):
    partial = True


def _zip_names_from_bytes(data: bytes) -> list[str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except Exception:
        return None


def _zip_names_from_local_headers(head: bytes) -> list[str]:
    names = _PartialNames()
    offset = 0
    while head[offset : offset + 4] == b"PK\x03\x04" and offset + 30 <= len(head):
        flags = int.from_bytes(head[offset + 6 : offset + 8], "little")
        compressed = int.from_bytes(head[offset + 18 : offset + 22], "little")
        name_len = int.from_bytes(head[offset + 26 : offset + 28], "little")
        extra_len = int.from_bytes(head[offset + 28 : offset + 30], "little")
        name = head[offset + 30 : offset + 30 + name_len]
        names.append(name.decode("utf-8", "replace"))
        if flags & 0x08:
            # Sizes follow the data in a descriptor: the next header cannot be located cheaply.
            break
        offset += 30 + name_len + extra_len + compressed
    return names


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown charset: UTF-8 (with or without BOM), then cp1252, then latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = head[:8192]
    if not sample:
        return True
    try:
        # A head may cut a multi-byte character in two: ignore an incomplete tail only.
        sample.decode("utf-8")
        return sample.count(0) <= len(sample) // 200
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data":
            return True
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32 or byte == 127)
    # Bytes cp1252 leaves undefined are as suspicious as control characters.
    controls += sum(1 for byte in sample if byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
    return controls <= len(sample) // 200


def _detect_text(head: bytes, filename: str | None) -> str:
    if not looks_like_text(head):
        return "unknown"
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    lines = body[:16384].splitlines()
    suffix = (filename or "").lower()
    if lines and _MBOX_FROM.match(lines[0]) and _header_block_score(lines[1:]) >= 1:
        return "mbox"
    score = _header_block_score(lines)
    if score >= 2 or (score == 1 and suffix.endswith(".eml")):
        return "eml"
    if _HTML_START.match(body[:4096].lower()) or (
        _HTML_ANYWHERE.search(body[:4096]) and suffix.endswith(_HTML_SUFFIXES)
    ):
        return "html"
    if _HTML_ANYWHERE.search(body[:4096]) and b"</" in body:
        return "html"
    if suffix.endswith(_MARKDOWN_SUFFIXES):
        return "markdown"
    text, _ = decode_text(body[:16384])
    signs = sum(1 for pattern in _MARKDOWN_SIGNS if pattern.search(text))
    if signs >= 2 or re.match(r"#{1,6} \S", text.lstrip()):
        return "markdown"
    return "txt"


def _header_block_score(lines: list[bytes]) -> int:
    """Known mail headers in the leading header block; 2 means 'looks like a message'."""
    known: set[bytes] = set()
    strong = False
    for number, line in enumerate(lines):
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t") and number > 0:
            continue
        match = _HEADER_LINE.match(line)
        if not match:
            return 0
        name = match.group(0).split(b":", 1)[0].lower()
        if name in _MAIL_HEADERS:
            known.add(name)
            strong = strong or name in _STRONG_HEADERS
    if not known:
        return 0
    return 2 if len(known) >= 2 or strong else 1
