"""PDF through WeasyPrint: page counts, condensed layout, text present, nothing fetched."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from bilan.documents import (
    Document,
    Paragraph,
    Run,
    Section,
    pdf_page_count,
    render_pdf,
    render_pdf_with_pages,
)


def _text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    # Line breaks and hyphen-free wrapping: compare on single-spaced text.
    return re.sub(r"\s+", " ", text)


def test_normal_synthesis_fits_one_or_two_pages(pdf: tuple[bytes, int]) -> None:
    data, pages = pdf
    assert data.startswith(b"%PDF-")
    assert pdf_page_count(data) == pages
    assert pages in (1, 2)


def test_pdf_carries_the_text_and_the_metadata(pdf: tuple[bytes, int]) -> None:
    data, _pages = pdf
    text = _text(data)
    for sentence in (
        "Bilan de fin de stage",
        "Compétences acquises",
        "Difficultés et solutions",
        "Atelier Lumen",
        "convertissaient 1,8 fois mieux",
    ):
        assert sentence in text
    # The footer and page numbers come from the @page margin boxes.
    assert "Camille Moreau — Bilan de fin de stage — Atelier Lumen — 1 /" in text
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is not None
    assert reader.metadata.title == "Bilan de fin de stage"
    assert reader.metadata.author == "Camille Moreau"


def test_render_pdf_returns_the_same_document(document: Document, pdf: tuple[bytes, int]) -> None:
    data = render_pdf(document)
    assert pdf_page_count(data) == pdf[1]


def test_long_draft_runs_over_two_pages(long_pdfs: dict[bool, tuple[bytes, int]]) -> None:
    data, pages = long_pdfs[False]
    assert pages > 2
    assert pdf_page_count(data) == pages


def test_condensed_needs_no_more_pages_and_keeps_every_word(
    long_document: Document, long_pdfs: dict[bool, tuple[bytes, int]]
) -> None:
    (normal, normal_pages), (condensed, condensed_pages) = long_pdfs[False], long_pdfs[True]
    assert condensed_pages <= normal_pages
    assert pdf_page_count(condensed) == condensed_pages
    normal_text, condensed_text = _text(normal), _text(condensed)
    for sentence in (
        "Cette expérience numéro introduction-1 m'a appris",
        "Cette expérience numéro ouverture-5 m'a appris",
        "une PME nantaise de 45 personnes",
        "approfondir le SQL pour ne plus dépendre des exports",
        "quels contacts il me conseille dans ce domaine.",
    ):
        assert sentence in condensed_text
        assert sentence in normal_text
    # Every word of every section, in both layouts.
    words = {word for section in long_document.sections for word in section.text().split()}
    assert all(word in condensed_text for word in words)


def test_normal_synthesis_condensed_fits_one_page(document: Document) -> None:
    _data, pages = render_pdf_with_pages(document, condensed=True)
    assert pages == 1


def test_external_resources_are_never_fetched(tmp_path) -> None:
    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg"><text>SECRET</text></svg>')
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="100" height="100"><image href="{secret.as_uri()}" width="100" height="100"/>'
        "</svg>"
    )
    data = render_pdf(Document("T", chart_svg=svg))
    assert "SECRET" not in _text(data)


@pytest.mark.parametrize("junk", ["not svg at all", "<svg", "<?xml version='1.0'?><!DOCTYPE x>"])
def test_broken_chart_does_not_break_the_pdf(junk: str) -> None:
    data = render_pdf(Document("T", chart_svg=junk))
    assert pdf_page_count(data) == 1


def test_hostile_text_renders(document: Document) -> None:
    hostile = Document(
        "Bilan <script>\x00",
        sections=[
            Section("s", "S\x00", [Paragraph([Run("<script>alert(1)</script> " + "x" * 5000)])])
        ],
    )
    data, pages = render_pdf_with_pages(hostile)
    assert pages >= 1
    assert "<script>alert(1)</script>" in _text(data)
