"""DOCX and ODT: zip members vetted by ``safezip``, XML streamed through defusedxml.

python-docx is not used: it inflates members and builds full trees with lxml, which is
exactly what a zip bomb or an entity bomb wants.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse

from .errors import ExtractionFailed
from .limits import Deadline, Limits
from .result import Extracted
from .safezip import BoundedReader, open_member, open_zip, read_member
from .textutil import clean_text, parse_iso_date

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"

# Metadata parts are tiny in real files; anything bigger is not worth a full tree.
SMALL_PART_BYTES = 1024 * 1024


@dataclass(frozen=True)
class _Layout:
    paragraphs: frozenset[str]
    row: str
    cell: str
    render: Callable[[Element], str]


def extract_docx(data: bytes, limits: Limits, deadline: Deadline) -> Extracted:
    with open_zip(data, limits) as archive:
        names = set(archive.namelist())
        main = _docx_main_part(archive, names, limits, deadline)
        if main not in names:
            raise ExtractionFailed("corrupt")
        with open_member(archive, main, limits, deadline) as stream:
            text, truncated = _stream_text(stream, _DOCX, limits, deadline)
        result = Extracted(type="docx", text=text)
        if "docProps/core.xml" in names:
            core = _small_tree(archive, "docProps/core.xml", limits, deadline)
            if core is not None:
                result.title = _child_text(core, DC + "title")
                result.author = _child_text(core, DC + "creator")
                result.date = parse_iso_date(_child_text(core, DCTERMS + "created"))
    if truncated:
        result.metadata["truncated"] = True
    return result


def extract_odt(data: bytes, limits: Limits, deadline: Deadline) -> Extracted:
    with open_zip(data, limits) as archive:
        names = set(archive.namelist())
        if "content.xml" not in names:
            raise ExtractionFailed("corrupt")
        with open_member(archive, "content.xml", limits, deadline) as stream:
            text, truncated = _stream_text(stream, _ODT, limits, deadline)
        result = Extracted(type="odt", text=text)
        if "meta.xml" in names:
            meta_root = _small_tree(archive, "meta.xml", limits, deadline)
            meta = meta_root.find(OFFICE + "meta") if meta_root is not None else None
            if meta is not None:
                result.title = _child_text(meta, DC + "title")
                result.author = _child_text(meta, META + "initial-creator") or _child_text(
                    meta, DC + "creator"
                )
                result.date = parse_iso_date(
                    _child_text(meta, META + "creation-date") or _child_text(meta, DC + "date")
                )
    if truncated:
        result.metadata["truncated"] = True
    return result


def _docx_main_part(
    archive: zipfile.ZipFile, names: set[str], limits: Limits, deadline: Deadline
) -> str:
    """The officeDocument target of ``_rels/.rels``; some writers do not use word/document.xml."""
    default = "word/document.xml"
    if "_rels/.rels" not in names:
        return default
    rels = _small_tree(archive, "_rels/.rels", limits, deadline)
    if rels is None:
        return default
    for rel in rels.iter(REL + "Relationship"):
        if str(rel.get("Type", "")).endswith("/officeDocument"):
            target = posixpath.normpath(str(rel.get("Target", "")).lstrip("/"))
            return target if target in names else default
    return default


def _small_tree(
    archive: zipfile.ZipFile, name: str, limits: Limits, deadline: Deadline
) -> Element | None:
    data = read_member(archive, name, limits, deadline, max_bytes=SMALL_PART_BYTES)
    try:
        return fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise ExtractionFailed("unsafe_xml") from exc
    except ParseError:
        # Broken metadata should not cost the body text.
        return None


def _child_text(parent: Element, tag: str) -> str | None:
    child = parent.find(tag)
    if child is None:
        return None
    value = "".join(child.itertext()).strip()
    return value or None


def _stream_text(
    stream: BoundedReader, layout: _Layout, limits: Limits, deadline: Deadline
) -> tuple[str, bool]:
    """Paragraphs in document order; table rows become ``cell | cell`` lines.

    Elements are cleared as soon as they are rendered so memory follows the largest paragraph,
    not the document.
    """
    out: list[str] = []
    # One list per open row or cell; nested tables push more.
    stack: list[list[str]] = []
    size = 0
    truncated = False
    try:
        for count, (event, elem) in enumerate(
            iterparse(stream, events=("start", "end"), forbid_dtd=True)
        ):
            if count % 2048 == 0:
                deadline.check()
            tag = elem.tag
            if event == "start":
                if tag == layout.row or tag == layout.cell:
                    stack.append([])
                continue
            if tag in layout.paragraphs:
                text = layout.render(elem)
                elem.clear()
                (stack[-1] if stack else out).append(text)
                size += len(text) + 1
            elif (tag == layout.cell or tag == layout.row) and stack:
                parts = stack.pop()
                joined = (
                    " ".join(p for p in parts if p) if tag == layout.cell else " | ".join(parts)
                )
                elem.clear()
                (stack[-1] if stack else out).append(joined)
            if size > limits.max_text_chars:
                truncated = True
                break
    except DefusedXmlException as exc:
        raise ExtractionFailed("unsafe_xml") from exc
    except ParseError as exc:
        raise ExtractionFailed("corrupt") from exc
    text = clean_text("\n".join(out))
    if len(text) > limits.max_text_chars:
        text, truncated = text[: limits.max_text_chars], True
    return text, truncated


def _render_docx_paragraph(paragraph: Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == W + "t":
            parts.append(node.text or "")
        elif tag == W + "tab":
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _render_odt_paragraph(paragraph: Element) -> str:
    parts: list[str] = []
    _render_odt_into(paragraph, parts)
    return "".join(parts)


def _render_odt_into(node: Element, parts: list[str]) -> None:
    parts.append(node.text or "")
    for child in node:
        tag = child.tag
        if tag == TEXT + "s":
            parts.append(" " * _space_count(child.get(TEXT + "c")))
        elif tag == TEXT + "tab":
            parts.append("\t")
        elif tag == TEXT + "line-break":
            parts.append("\n")
        elif tag not in (OFFICE + "annotation", TEXT + "tracked-changes"):
            _render_odt_into(child, parts)
        parts.append(child.tail or "")


def _space_count(value: Any) -> int:
    try:
        return max(1, min(int(str(value)), 100)) if value is not None else 1
    except ValueError:
        return 1


_DOCX = _Layout(
    paragraphs=frozenset({W + "p"}),
    row=W + "tr",
    cell=W + "tc",
    render=_render_docx_paragraph,
)
_ODT = _Layout(
    paragraphs=frozenset({TEXT + "p", TEXT + "h"}),
    row=TABLE + "table-row",
    cell=TABLE + "table-cell",
    render=_render_odt_paragraph,
)
