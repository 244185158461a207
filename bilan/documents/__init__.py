"""Bilan's document engine: one section model, four formats (HTML, PDF, DOCX, Markdown).

Pure Python, never imports Django: the synthesis app builds a :class:`Document` from the
dossier and calls the renderers. WeasyPrint and python-docx are imported on first use only::

    from bilan.documents import Document, Section, parse_markdown, render_pdf_with_pages
    document = Document(
        title="Bilan de fin de stage",
        sections=[Section("introduction", "Introduction", parse_markdown("J'ai **appris**..."))],
    )
    pdf, pages = render_pdf_with_pages(document, condensed=False)
"""

from __future__ import annotations

from bilan.documents.docx_output import render_docx
from bilan.documents.html_output import render_html
from bilan.documents.limits import (
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_WORDS,
    DocumentTooLarge,
    check_size,
)
from bilan.documents.markdown_output import render_markdown
from bilan.documents.markup import (
    normalise_blocks,
    normalise_runs,
    parse_inline,
    parse_markdown,
    runs_to_markdown,
    to_markdown,
)
from bilan.documents.model import (
    DEFAULT_CHART_SECTION,
    LANGUAGES,
    TRAME,
    TRAME_HEADINGS,
    Block,
    BulletList,
    Document,
    Language,
    Paragraph,
    Run,
    Section,
    clean_text,
    count_words,
)
from bilan.documents.pdf_output import pdf_page_count, render_pdf, render_pdf_with_pages

__all__ = [
    "DEFAULT_CHART_SECTION",
    "DEFAULT_MAX_CHARS",
    "DEFAULT_MAX_WORDS",
    "LANGUAGES",
    "TRAME",
    "TRAME_HEADINGS",
    "Block",
    "BulletList",
    "Document",
    "DocumentTooLarge",
    "Language",
    "Paragraph",
    "Run",
    "Section",
    "check_size",
    "clean_text",
    "count_words",
    "normalise_blocks",
    "normalise_runs",
    "parse_inline",
    "parse_markdown",
    "pdf_page_count",
    "render_docx",
    "render_html",
    "render_markdown",
    "render_pdf",
    "render_pdf_with_pages",
    "runs_to_markdown",
    "to_markdown",
]
