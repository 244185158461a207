"""The constrained Markdown interns write each section in, and its inverse.

Supported: paragraphs separated by blank lines; ``- `` / ``* `` / ``+ `` bullet lists and
``1. `` / ``1) `` numbered lists (indented items are flattened into the list, the model has no
nesting); ``**bold**`` and ``*italic*``; backslash escapes of ASCII punctuation. Everything else
(HTML, links, images, headings, quotes, code) stays literal text: the renderers escape it.

This is a small hand-written parser rather than a CommonMark engine on purpose:

* the model is flat (runs with bold/italic flags), so emphasis is parsed as two independent
  on/off layers (``**`` and ``*``), which handles overlaps without a delimiter-precedence
  algorithm and makes ``parse_markdown(to_markdown(blocks)) == blocks`` hold for any canonical
  blocks, including a bold run that ends in punctuation right before a letter, which
  CommonMark's flanking rules would turn into literal asterisks;
* every step is one pass of compiled regular expressions over the text, so hostile input
  (a megabyte, thousands of nested markers, unmatched delimiters) costs linear time.

Whitespace is ASCII whitespace only: no-break spaces (French typography before ``:`` or ``»``)
are content and survive untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from bilan.documents.model import Block, BulletList, Paragraph, Run, clean_text

_WS = " \t\r\n\f\v"
_WS_RUN = re.compile(r"[ \t\r\n\f\v]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A list item: optional indent, a marker, ASCII whitespace, then content.
_ITEM = re.compile(r"([ \t]*)(?:([-*+])|([0-9]{1,9})([.)]))[ \t]+(?=[^ \t\r\n\f\v])")
# "* * *", "---", "___": a thematic break in CommonMark; here it is literal paragraph text.
_THEMATIC = re.compile(r"[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*\Z")
_ASCII_PUNCTUATION = r"""!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~"""
_INLINE_TOKEN = re.compile(rf"\\[{_ASCII_PUNCTUATION}]|\*+|[^\\*]+|\\")
_INDENT_TAB = 4


@dataclass
class _List:
    ordered: bool
    marker: str  # "-", "*", "+", "." or ")": a different marker starts a new list
    indent: int
    items: list[list[str]]


def parse_markdown(text: str) -> list[Block]:
    """Parse one section's text into canonical blocks (see :func:`normalise_blocks`)."""
    text = clean_text(text)
    blocks: list[Block] = []
    paragraph: list[str] = []
    current: _List | None = None
    blank_before = False

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append(Paragraph(parse_inline(" ".join(paragraph))))
            paragraph.clear()

    def flush_list() -> None:
        nonlocal current
        if current is not None:
            items = [parse_inline(" ".join(parts)) for parts in current.items]
            blocks.append(BulletList(items, ordered=current.ordered))
            current = None

    for line in _LINE_BREAK.split(text):
        if not line.strip(_WS):
            flush_paragraph()
            blank_before = True
            continue
        match = None if _THEMATIC.match(line) else _ITEM.match(line)
        # Like CommonMark, only "1." may interrupt a paragraph, so "En 2023. Nous..." wrapped
        # across lines stays one paragraph.
        if match and paragraph and match[3] is not None and int(match[3]) != 1:
            match = None
        if match:
            indent = len(match[1].expandtabs(_INDENT_TAB))
            ordered = match[3] is not None
            marker = match[4] if ordered else match[2]
            content = line[match.end() :]
            flush_paragraph()
            nested = current is not None and indent > current.indent
            if current is not None and (nested or current.marker == marker):
                current.items.append([content])
            else:
                flush_list()
                current = _List(ordered=ordered, marker=marker, indent=indent, items=[[content]])
        elif current is not None and (not blank_before or len(line) - len(line.lstrip(" \t")) >= 2):
            # Lazy continuation, or an indented paragraph inside the item: same item.
            current.items[-1].append(line)
        else:
            flush_list()
            paragraph.append(line)
        blank_before = False
    flush_paragraph()
    flush_list()
    return normalise_blocks(blocks)


@dataclass
class _Delimiter:
    """A run of asterisks: its length and which of its toggles were matched."""

    length: int
    can_open: bool
    can_close: bool
    bold_used: bool = False
    italic_used: bool = False


def parse_inline(text: str) -> list[Run]:
    """Parse emphasis and escapes of one paragraph or list item into canonical runs.

    ``*`` toggles italic, ``**`` bold, ``***`` both; longer runs are literal. A delimiter opens
    when followed by non-whitespace and a matching closer exists later, and closes when
    preceded by non-whitespace. Unmatched delimiters stay literal asterisks.
    """
    text = _WS_RUN.sub(" ", clean_text(text)).strip(" ")
    pieces: list[str | _Delimiter] = []
    for token in _INLINE_TOKEN.finditer(text):
        value = token[0]
        if value[0] == "*":
            before = text[token.start() - 1] if token.start() else " "
            after = text[token.end()] if token.end() < len(text) else " "
            pieces.append(_Delimiter(len(value), after not in _WS, before not in _WS))
        elif value[0] == "\\" and len(value) == 2:
            pieces.append(value[1])
        else:
            pieces.append(value)
    delimiters = [piece for piece in pieces if isinstance(piece, _Delimiter)]
    _match_layer(delimiters, bold=True)
    _match_layer(delimiters, bold=False)

    runs: list[tuple[str, bool, bool]] = []
    bold = italic = False
    for piece in pieces:
        if isinstance(piece, str):
            runs.append((piece, bold, italic))
            continue
        closing = (piece.bold_used and bold) or (piece.italic_used and italic)
        literal = piece.length - 2 * piece.bold_used - piece.italic_used
        # Leftover asterisks of a partly used delimiter sit outside the span it opens or
        # closes, so they keep the formatting of the outer text.
        if closing:
            bold ^= piece.bold_used
            italic ^= piece.italic_used
            runs.append(("*" * literal, bold, italic))
        else:
            runs.append(("*" * literal, bold, italic))
            bold ^= piece.bold_used
            italic ^= piece.italic_used
    return _normalise(runs)


def _match_layer(delimiters: Sequence[_Delimiter], *, bold: bool) -> None:
    """Pair the bold (``**``) or italic (``*``) toggles left to right, in linear time."""
    eligible = [
        delimiter
        for delimiter in delimiters
        if (delimiter.length in (2, 3) if bold else delimiter.length in (1, 3))
    ]
    # closer_after[i]: some delimiter after position i can close this layer.
    closer_after = [False] * (len(eligible) + 1)
    for index in range(len(eligible) - 1, -1, -1):
        closer_after[index] = closer_after[index + 1] or eligible[index].can_close
    is_open = False
    for index, delimiter in enumerate(eligible):
        if is_open and delimiter.can_close:
            is_open = False
        elif not is_open and delimiter.can_open and closer_after[index + 1]:
            is_open = True
        else:
            continue
        if bold:
            delimiter.bold_used = True
        else:
            delimiter.italic_used = True


def normalise_runs(runs: Iterable[Run]) -> list[Run]:
    """The canonical form of a paragraph or list item.

    ASCII whitespace collapses to one space and is never bold or italic (it moves out of
    formatted runs, which makes every emphasis marker touch a visible character); the text is
    trimmed; empty runs disappear and neighbours with the same formatting merge.
    """
    return _normalise((run.text, run.bold, run.italic) for run in runs)


def _normalise(pieces: Iterable[tuple[str, bool, bool]]) -> list[Run]:
    # Whitespace at the edge of a piece is only at the edge of a run once same-formatted
    # neighbours are joined, so join first, then move edge whitespace out, then join again.
    # Joining each group once (not pairwise) keeps a megabyte of asterisks linear.
    split: list[tuple[str, bool, bool]] = []
    for (bold, italic), text in _join_groups(pieces):
        text = _WS_RUN.sub(" ", text)
        core = text.strip(" ")
        if not (bold or italic) or not core:
            split.append((text, False, False))
            continue
        if text[0] == " ":
            split.append((" ", False, False))
        split.append((core, bold, italic))
        if text[-1] == " ":
            split.append((" ", False, False))
    texts: list[str] = []
    formats: list[tuple[bool, bool]] = []
    for flags, text in _join_groups(split):
        texts.append(_WS_RUN.sub(" ", text))
        formats.append(flags)
    if texts:
        texts[0] = texts[0].lstrip(" ")
        texts[-1] = texts[-1].rstrip(" ")
    return [Run(text, *flags) for text, flags in zip(texts, formats, strict=True) if text]


def _join_groups(
    pieces: Iterable[tuple[str, bool, bool]],
) -> Iterator[tuple[tuple[bool, bool], str]]:
    """Consecutive non-empty pieces with the same formatting, joined."""
    non_empty = (piece for piece in pieces if piece[0])
    for flags, group in groupby(non_empty, key=lambda piece: (piece[1], piece[2])):
        yield flags, "".join(piece[0] for piece in group)


def normalise_blocks(blocks: Iterable[Block]) -> list[Block]:
    """Canonical blocks: canonical runs, no empty paragraphs, lists or list items."""
    result: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            runs = normalise_runs(block.runs)
            if runs:
                result.append(Paragraph(runs))
        else:
            items = [runs for runs in map(normalise_runs, block.items) if runs]
            if items:
                result.append(BulletList(items, ordered=block.ordered))
    return result


# --- Writing -------------------------------------------------------------------------------

_BACKSLASH_BEFORE_PUNCTUATION = re.compile(rf"\\(?=[{_ASCII_PUNCTUATION}]|\Z)")
_PORTABLE_SPECIALS = re.compile(r"[_`<\[\]]|&(?=#?[0-9A-Za-z]+;)")
_PORTABLE_LINE_START = re.compile(r"[#>]")


def to_markdown(blocks: Iterable[Block], *, portable: bool = False) -> str:
    """Write blocks as text :func:`parse_markdown` reads back to the same canonical blocks.

    Only what this parser needs is escaped, so the text interns edit stays readable. With
    ``portable=True`` the characters other Markdown engines treat specially (``_``, backticks,
    ``<``, ``[``, entities, ``#`` and ``>`` at line start) are escaped too, for exports.
    """
    chunks: list[str] = []
    previous_marker = ""
    for block in normalise_blocks(blocks):
        if isinstance(block, Paragraph):
            chunks.append(_protect_line("", _inline(block.runs, portable), portable))
            previous_marker = ""
            continue
        # Two adjacent lists would merge when read back unless their markers differ.
        if block.ordered:
            marker = ")" if previous_marker == "." else "."
        else:
            marker = "*" if previous_marker == "-" else "-"
        lines = []
        for number, item in enumerate(block.items, start=1):
            prefix = f"{number}{marker} " if block.ordered else f"{marker} "
            lines.append(_protect_line(prefix, _inline(item, portable), portable))
        chunks.append("\n".join(lines))
        previous_marker = marker
    return "\n\n".join(chunks) + ("\n" if chunks else "")


def runs_to_markdown(runs: Iterable[Run], *, portable: bool = False) -> str:
    """Inline Markdown for one line of runs (a heading, a meta line), without line escapes."""
    return _inline(normalise_runs(runs), portable)


def _inline(runs: Sequence[Run], portable: bool) -> str:
    out: list[str] = []
    bold = italic = False
    for run in [*runs, Run("")]:
        # Close before opening so that "***" at a boundary reads as two toggles.
        markers = ("**" if run.bold != bold else "") + ("*" if run.italic != italic else "")
        out.append(markers)
        bold, italic = run.bold, run.italic
        out.append(_escape(run.text, portable))
    return "".join(out)


def _escape(text: str, portable: bool) -> str:
    text = _BACKSLASH_BEFORE_PUNCTUATION.sub(r"\\\\", text).replace("*", r"\*")
    if portable:
        text = _PORTABLE_SPECIALS.sub(lambda match: "\\" + match[0], text)
    return text


def _protect_line(prefix: str, content: str, portable: bool) -> str:
    """Escape the start of ``content`` if it would read as a list item or a thematic break."""
    line = prefix + content
    needs_escape = _THEMATIC.match(line) is not None or (
        not prefix and _ITEM.match(line) is not None
    )
    if portable and _PORTABLE_LINE_START.match(content):
        needs_escape = True
    if not needs_escape:
        return line
    item = _ITEM.match(content)
    if item and item[3] is not None:
        # "2024. Bilan" -> "2024\. Bilan": the dot is what makes it a list marker.
        return prefix + content[: item.start(4)] + "\\" + content[item.start(4) :]
    return prefix + "\\" + content
