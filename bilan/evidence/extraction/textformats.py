"""Plain text, Markdown and HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .detect import decode_text
from .limits import Deadline, Limits
from .result import Extracted
from .textutil import clean_text, truncate

_MD_HEADING = re.compile(r"(?m)^#{1,6}[ \t]+(.+?)[ \t#]*$")
_SETEXT_HEADING = re.compile(r"\A\s*([^\n]+)\n=+[ \t]*\n")
_HTML_CHUNK = 64 * 1024


def extract_txt(data: bytes, limits: Limits, deadline: Deadline) -> Extracted:
    text, charset = decode_text(data)
    text, truncated = truncate(clean_text(text), limits.max_text_chars)
    return Extracted(type="txt", text=text, metadata=_meta(charset, truncated))


def extract_markdown(data: bytes, limits: Limits, deadline: Deadline) -> Extracted:
    text, charset = decode_text(data)
    text, truncated = truncate(clean_text(text), limits.max_text_chars)
    # Markdown is kept as written: its marks are readable and tell the structure.
    match = _MD_HEADING.search(text[:4096]) or _SETEXT_HEADING.search(text[:4096])
    title = match.group(1).strip() if match else None
    return Extracted(type="markdown", title=title, text=text, metadata=_meta(charset, truncated))


def extract_html(data: bytes, limits: Limits, deadline: Deadline) -> Extracted:
    source, charset = decode_text(data)
    parser = _parse_html(source, limits, deadline)
    text, truncated = truncate(_parser_text(parser), limits.max_text_chars)
    return Extracted(
        type="html",
        title=parser.title_text(),
        author=parser.author,
        text=text,
        metadata=_meta(charset, truncated),
    )


def html_to_text(source: str, limits: Limits, deadline: Deadline) -> str:
    parser = _parse_html(source, limits, deadline)
    return truncate(_parser_text(parser), limits.max_text_chars)[0]


def _parse_html(source: str, limits: Limits, deadline: Deadline) -> _TextParser:
    parser = _TextParser()
    # Fed in chunks so the deadline is checked between them.
    for start in range(0, len(source), _HTML_CHUNK):
        deadline.check()
        parser.feed(source[start : start + _HTML_CHUNK])
        if parser.size > limits.max_text_chars:
            break
    parser.close()
    return parser


def _parser_text(parser: _TextParser) -> str:
    lines = "".join(parser.parts).split("\n")
    return clean_text("\n".join(" ".join(line.split()) for line in lines))


def _meta(charset: str, truncated: bool) -> dict[str, object]:
    meta: dict[str, object] = {"charset": charset}
    if truncated:
        meta["truncated"] = True
    return meta


_SKIPPED = {"script", "style", "template", "noscript", "svg"}
_BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.size = 0
        self.author: str | None = None
        self._title: list[str] = []
        self._in_title = False
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # An unclosed <title> must not swallow the page.
        self._in_title = tag == "title"
        if tag == "meta":
            values = {name.lower(): value or "" for name, value in attrs}
            if values.get("name", "").lower() == "author" and values.get("content"):
                self.author = values["content"].strip() or None
        if tag in _SKIPPED:
            self._skip_depth += 1
        elif tag in _BLOCKS:
            self._add("\n")
        elif tag in ("td", "th"):
            self._add(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCKS:
            self._add("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Void elements such as <br/> must not open a skipped region.
        if tag in _SKIPPED:
            return
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._in_title and len(self._title) < 100:
            self._title.append(data)
            return
        if not self._skip_depth:
            self._add(data)

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def title_text(self) -> str | None:
        title = " ".join("".join(self._title).split())
        return title or None
