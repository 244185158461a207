"""Standalone HTML with an A4 print stylesheet: the page WeasyPrint turns into the PDF.

The chart goes in as an ``<img>`` with a ``data:`` URI rather than inline ``<svg>`` markup:
the page stays self-contained, and an SVG that carries a script or odd markup can neither run
in a browser preview nor break out into the HTML around it.
"""

from __future__ import annotations

import base64
import re
from html import escape

from bilan.documents.citations import shorten_citations
from bilan.documents.labels import LABELS
from bilan.documents.limits import DEFAULT_MAX_WORDS, check_size
from bilan.documents.model import Block, BulletList, Document, Run, Section
from bilan.documents.styles import CONDENSED, NORMAL, print_css


def render_html(
    document: Document, *, condensed: bool = False, max_words: int = DEFAULT_MAX_WORDS
) -> str:
    """The complete HTML page of ``document``; ``condensed`` selects the tighter layout.

    Raises :class:`~bilan.documents.limits.DocumentTooLarge` beyond ``max_words``.
    """
    check_size(document, max_words=max_words)
    if condensed:
        document = shorten_citations(document)
    css = print_css(CONDENSED if condensed else NORMAL, with_footer_text=bool(document.footer))
    head = [
        '<meta charset="utf-8">',
        f"<title>{escape(document.title)}</title>",
    ]
    if document.author:
        head.append(f'<meta name="author" content="{escape(document.author)}">')
    if document.subtitle:
        head.append(f'<meta name="description" content="{escape(document.subtitle)}">')
    head.append(f"<style>\n{css}\n</style>")

    chart_key = _chart_section_key(document)
    body = [_title_block(document)]
    for section in document.sections:
        body.append(_section(section, document if section.key == chart_key else None))
    if document.chart_svg and chart_key is None:
        body.append(_chart(document, extra_class=" end"))
    layout = "condensed" if condensed else "normal"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{document.language}">',
            "<head>",
            *head,
            "</head>",
            f'<body class="{layout}">',
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _chart_section_key(document: Document) -> str | None:
    """The key of the section that shows the chart, or None to put it at the end."""
    if not document.chart_svg:
        return None
    section = document.section(document.chart_section)
    return section.key if section is not None else None


def _title_block(document: Document) -> str:
    parts = [
        f'<header class="title-block" data-footer="{escape(document.footer)}">',
        f'<h1 class="title">{text_html(document.title)}</h1>',
    ]
    if document.subtitle:
        parts.append(f'<p class="subtitle">{text_html(document.subtitle)}</p>')
    if document.meta:
        separator = escape(LABELS[document.language].meta_separator)
        parts.append('<dl class="meta">')
        parts += [
            f'<div class="meta-line"><dt>{text_html(label)}{separator}</dt> '
            f"<dd>{text_html(value)}</dd></div>"
            for label, value in document.meta
        ]
        parts.append("</dl>")
    parts.append("</header>")
    return "\n".join(parts)


def _section(section: Section, chart_of: Document | None) -> str:
    key = escape(section.key)
    parts = [
        f'<section class="section" id="section-{key}" data-key="{key}">',
        f"<h2>{text_html(section.heading)}</h2>",
    ]
    blocks = [_block(block) for block in section.blocks]
    # The heading travels with its first block: a floated chart right after a heading is
    # out of the flow, so "break-after: avoid" alone would let the heading end a page alone.
    # The chart floats right from the top of its section so the text wraps beside it; the
    # next section clears it (see styles.py), so it never floats into another part.
    chart = _chart(chart_of) if chart_of is not None else ""
    parts[-1] = f'<div class="keep">{parts[-1]}{chart}{blocks[0] if blocks else ""}</div>'
    parts += blocks[1:]
    parts.append("</section>")
    return "\n".join(parts)


def _chart(document: Document, *, extra_class: str = "") -> str:
    assert document.chart_svg is not None
    data = base64.b64encode(document.chart_svg.encode("utf-8")).decode("ascii")
    alt = escape(LABELS[document.language].chart_alt)
    return (
        f'<figure class="chart{extra_class}">'
        f'<img src="data:image/svg+xml;base64,{data}" alt="{alt}"></figure>'
    )


def blocks_html(blocks: list[Block]) -> str:
    """Escaped HTML for a section's blocks; web pages show sections the way the PDF does."""
    return "".join(_block(block) for block in blocks)


def _block(block: Block) -> str:
    if isinstance(block, BulletList):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{runs_html(item)}</li>" for item in block.items)
        return f"<{tag}>{items}</{tag}>"
    return f"<p>{runs_html(block.runs)}</p>"


# WeasyPrint breaks an over-long word in time quadratic in its length (a 150,000-character
# "word" took minutes), so long tokens get explicit break opportunities. <wbr> adds no
# character: copying the text from the PDF gives it back unchanged.
_LONG_TOKEN = re.compile(r"[^ \t\r\n\f\v]{80,}")
_CHUNK = 40


def text_html(text: str) -> str:
    """Escaped text, with ``<wbr>`` inside tokens too long to lay out fast."""
    out: list[str] = []
    position = 0
    for match in _LONG_TOKEN.finditer(text):
        out.append(escape(text[position : match.start()]))
        token = match[0]
        out.append(
            "<wbr>".join(escape(token[i : i + _CHUNK]) for i in range(0, len(token), _CHUNK))
        )
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def runs_html(runs: list[Run]) -> str:
    """Escaped inline HTML for a sequence of runs."""
    out = []
    for run in runs:
        text = text_html(run.text)
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)
