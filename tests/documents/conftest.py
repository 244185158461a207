"""Documents are pure Python: no database, and PDFs rendered once per session."""

from __future__ import annotations

import pytest

from bilan.documents import Document, render_pdf_with_pages
from bilan.documents.sample import sample_document


@pytest.fixture(scope="session")
def document() -> Document:
    """Camille's synthesis: six trame sections, lists, bold and italic, a chart."""
    return sample_document("fr")


@pytest.fixture(scope="session")
def long_document() -> Document:
    """A draft several pages long, to check condensing and page counts."""
    return sample_document("fr", long=True)


@pytest.fixture(scope="session")
def pdf(document: Document) -> tuple[bytes, int]:
    return render_pdf_with_pages(document)


@pytest.fixture(scope="session")
def long_pdfs(long_document: Document) -> dict[bool, tuple[bytes, int]]:
    """The long draft in both layouts, keyed by ``condensed``."""
    return {
        condensed: render_pdf_with_pages(long_document, condensed=condensed)
        for condensed in (False, True)
    }
