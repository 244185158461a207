"""PDF through WeasyPrint, from exactly the HTML :func:`render_html` returns."""

from __future__ import annotations

import io

from bilan.documents.html_output import render_html
from bilan.documents.limits import DEFAULT_MAX_WORDS
from bilan.documents.model import Document


def render_pdf(
    document: Document, *, condensed: bool = False, max_words: int = DEFAULT_MAX_WORDS
) -> bytes:
    """The PDF of ``document``. Raises ``DocumentTooLarge`` beyond ``max_words``."""
    pdf, _pages = render_pdf_with_pages(document, condensed=condensed, max_words=max_words)
    return pdf


def render_pdf_with_pages(
    document: Document, *, condensed: bool = False, max_words: int = DEFAULT_MAX_WORDS
) -> tuple[bytes, int]:
    """The PDF and its page count, read from WeasyPrint's own layout rather than re-parsed."""
    html = render_html(document, condensed=condensed, max_words=max_words)
    return html_to_pdf_with_pages(html)


def html_to_pdf_with_pages(html: str) -> tuple[bytes, int]:
    """Any self-contained HTML page (styles inline, images as data: URIs) as a PDF."""
    # Imported here: WeasyPrint loads Pango through cffi, which the HTML and Markdown paths,
    # and every process that never renders a PDF, should not pay for.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # The only resource a document may reference is its own data: URI chart. Refusing every
    # other scheme means an SVG pointing at file:///etc/passwd or an intranet URL fetches
    # nothing.
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    rendered = HTML(string=html, base_url=None, url_fetcher=fetcher).render()
    return rendered.write_pdf(), len(rendered.pages)


def pdf_page_count(pdf: bytes) -> int:
    """Number of pages of a PDF file, read with pypdf."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)
