"""Absurd documents are refused up front or render in bounded time, never hang."""

from __future__ import annotations

import time

import pytest

from bilan.documents import (
    DEFAULT_MAX_WORDS,
    Document,
    DocumentTooLarge,
    Paragraph,
    Run,
    Section,
    render_docx,
    render_html,
    render_markdown,
    render_pdf,
)


def _document(text: str, **extra: object) -> Document:
    return Document("T", sections=[Section("s", "S", [Paragraph([Run(text)])])], **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize("render", [render_html, render_pdf, render_docx, render_markdown])
def test_two_megabytes_are_refused_at_once(render) -> None:
    document = _document("mot " * 500_000)
    start = time.perf_counter()
    with pytest.raises(DocumentTooLarge) as refused:
        render(document)
    assert time.perf_counter() - start < 2
    assert refused.value.what == "characters"


def test_word_limit_is_configurable() -> None:
    document = _document("mot " * 1_000)
    with pytest.raises(DocumentTooLarge) as refused:
        render_html(document, max_words=500)
    assert (refused.value.what, refused.value.size, refused.value.limit) == ("words", 1_002, 500)
    assert "1,002 words" in str(refused.value)
    render_html(document)  # well under the default
    assert DEFAULT_MAX_WORDS == 20_000


def test_oversized_chart_is_refused() -> None:
    with pytest.raises(DocumentTooLarge) as refused:
        render_html(_document("ok", chart_svg="<svg>" + " " * 2_000_000 + "</svg>"))
    assert refused.value.what == "chart bytes"


def test_one_huge_word_renders_in_bounded_time() -> None:
    # Without break opportunities WeasyPrint needed minutes for this; now seconds.
    start = time.perf_counter()
    data = render_pdf(_document("x" * 60_000))
    assert time.perf_counter() - start < 30
    assert data.startswith(b"%PDF-")
