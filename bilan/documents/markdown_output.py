"""Markdown export of a whole document, for pasting into a wiki, a README or an e-mail.

Section bodies use :func:`~bilan.documents.markup.to_markdown` in portable mode, so any
CommonMark viewer shows the intern's text literally: a ``<script>`` they typed stays text.
"""

from __future__ import annotations

from bilan.documents.labels import LABELS
from bilan.documents.limits import DEFAULT_MAX_WORDS, check_size
from bilan.documents.markup import runs_to_markdown, to_markdown
from bilan.documents.model import Document, Paragraph, Run


def render_markdown(document: Document, *, max_words: int = DEFAULT_MAX_WORDS) -> str:
    """``# Title``, the meta lines as a list, then ``## Heading`` and body per section."""
    check_size(document, max_words=max_words)
    labels = LABELS[document.language]
    chunks = [_heading("#", document.title)]
    if document.subtitle.strip():
        chunks.append(_line([Run(document.subtitle, italic=True)]))
    if document.meta:
        chunks.append(
            "\n".join(
                "- " + _line([Run(label + labels.meta_separator, bold=True), Run(" " + value)])
                for label, value in document.meta
            )
        )
    chart_note = document.chart_svg is not None
    for section in document.sections:
        chunks.append(_heading("##", section.heading))
        if chart_note and section.key == document.chart_section:
            chunks.append(_line([Run(labels.chart_elsewhere, italic=True)]))
            chart_note = False
        body = to_markdown(section.blocks, portable=True).rstrip("\n")
        if body:
            chunks.append(body)
    if chart_note:
        chunks.append(_line([Run(labels.chart_elsewhere, italic=True)]))
    if document.footer.strip():
        chunks += ["---", _line([Run(document.footer)])]
    return "\n\n".join(chunks) + "\n"


def _line(runs: list[Run]) -> str:
    return to_markdown([Paragraph(runs)], portable=True).rstrip("\n")


def _heading(marker: str, text: str) -> str:
    # Inline escapes only: after "## " a "1. Introduction" is no list item, and line breaks in
    # the text are already collapsed, so the heading stays one line.
    return f"{marker} {runs_to_markdown([Run(text)], portable=True)}".rstrip()
