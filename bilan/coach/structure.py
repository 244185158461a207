"""Text structure before sentences: what is prose, what is markup, layout or a list fragment.

Two kinds of input reach the coach. Text typed or pasted in the web app, often Markdown (front
matter, headings, lists, emphasis), is cleaned **in place**: markup characters become spaces one
for one, so offsets in the result still index the original text. Text extracted from a PDF or a
DOCX (the command line's ``bilan coach rapport.pdf``) is first re-flowed by
:func:`reflow_extracted`: hyphenation at line ends, running page headers and footers and page
numbers are removed, which changes offsets, so it is only used where the caller shows the
cleaned text itself.
"""

from __future__ import annotations

import re
from collections import Counter

# YAML front matter: a first line of "---", then "key: value" lines, then "---" or "...".
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(?:.*\n)*?(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,200}>")
_TABLE_LINE = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.MULTILINE)
_SETEXT_RULE = re.compile(r"^[ \t]*(?:=+|-{3,}|\*{3,}|_{3,})[ \t]*$", re.MULTILINE)
_BLOCKQUOTE = re.compile(r"^[ \t]*(>+)[ \t]?", re.MULTILINE)
_LINK = re.compile(r"!?\[([^\]\n]{0,300})\]\(([^)\s]{0,500})\)")
_EMPHASIS = re.compile(
    r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])([*_])(?=\S)([^*_\n]+?)(?<=\S)\3(?!\w)"
)
_CODE_SPAN = re.compile(r"`+")

# A list item: "- ", "* ", "• ", "– ", "1) ", "1. ", "a) " at the start of a line.
LIST_MARKER = re.compile(r"^[ \t]*(?:[-*+•–—▪►✓]|\d{1,3}[.)]|[a-zA-Z][)])[ \t]+")


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for index in range(start, end):
            if chars[index] != "\n":
                chars[index] = " "
    return "".join(chars)


def strip_markup(text: str) -> str:
    """Markdown and HTML markup blanked out, one character for one; prose left as it was.

    Front matter, fenced code and tables are blanked whole; emphasis markers, link targets and
    tags are blanked around the words they decorate. Heading hashes and list markers stay: they
    tell the rules that a line is a heading or a list item.
    """
    if not any(mark in text for mark in "-#*_`[<|>~="):
        return text
    spans: list[tuple[int, int]] = []
    match = _FRONT_MATTER.match(text)
    if match and ":" in match.group(0):
        spans.append((0, match.end()))
    for pattern in (_FENCE, _TABLE_LINE, _HTML_TAG):
        spans.extend(m.span() for m in pattern.finditer(text))
    for m in _SETEXT_RULE.finditer(text):
        spans.append(m.span())
    for m in _BLOCKQUOTE.finditer(text):
        spans.append(m.span(1))
    for m in _LINK.finditer(text):
        # Keep the link's words, drop the brackets and the address.
        spans.append((m.start(), m.start(1)))
        spans.append((m.end(1), m.end()))
    for m in _EMPHASIS.finditer(text):
        marker = m.group(1) or m.group(3)
        spans.append((m.start(), m.start() + len(marker)))
        spans.append((m.end() - len(marker), m.end()))
    for m in _CODE_SPAN.finditer(text):
        spans.append(m.span())
    return _blank_spans(text, spans)


# Text extracted from PDF and DOCX files -----------------------------------------------------

_HYPHENATED = re.compile(r"(\w)-\n[ \t]*([a-zàâçéèêëîïôûùüÿœæ])")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:page|p\.)\s*)?\d{1,4}(?:\s*(?:/|sur|of)\s*\d{1,4})?\s*$", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")
# A line repeated on this many pages is a running header or footer.
MIN_RUNNING_REPEATS = 3
MAX_RUNNING_LINE = 120


def reflow_extracted(text: str) -> str:
    """Text from a PDF or DOCX made readable as prose.

    Joins words hyphenated across a line break ("exem-\\nple"), drops page numbers and running
    headers and footers (a short line that comes back on several pages, page numbers aside,
    and does not end like a sentence),
    and turns form feeds into paragraph breaks.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _HYPHENATED.sub(r"\1\2", text)
    lines = text.split("\n")
    keys = [_DIGITS.sub("#", line.strip()).lower() for line in lines]
    # A sentence may come back (a journal's "RAS."); a running header or footer does not end
    # like one.
    repeats = Counter(
        key for key in keys if key and len(key) <= MAX_RUNNING_LINE and key[-1] not in ".!?…;:"
    )
    kept: list[str] = []
    for line, key in zip(lines, keys, strict=True):
        if _PAGE_NUMBER.match(line) or (key and repeats[key] >= MIN_RUNNING_REPEATS):
            continue
        kept.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
