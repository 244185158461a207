"""Size limits: a synthesis is 1 to 2 pages, so anything vastly larger is refused up front.

Layout time in WeasyPrint grows with the text (and a single unbreakable "word" of a megabyte is
slow to break into lines), so checking before rendering is what keeps a request from hanging a
worker.
"""

from __future__ import annotations

from bilan.documents.model import Document

# About forty pages of prose: far above any real synthesis, low enough to render in seconds.
DEFAULT_MAX_WORDS = 20_000
# Guards against text with few spaces (one huge word) that the word count would not see.
DEFAULT_MAX_CHARS = 200_000
# A skills chart is a few kilobytes; a megabyte of SVG is not a chart.
DEFAULT_MAX_CHART_BYTES = 1_000_000


class DocumentTooLarge(ValueError):
    """The document exceeds a size limit; ``what`` is "words", "characters" or "chart bytes"."""

    def __init__(self, what: str, size: int, limit: int) -> None:
        self.what = what
        self.size = size
        self.limit = limit
        super().__init__(f"Document too large: {size:,} {what} (limit {limit:,}).")


def check_size(
    document: Document,
    *,
    max_words: int = DEFAULT_MAX_WORDS,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_chart_bytes: int = DEFAULT_MAX_CHART_BYTES,
) -> None:
    """Raise :class:`DocumentTooLarge` if ``document`` is beyond any limit."""
    text = document.text()
    if len(text) > max_chars:
        raise DocumentTooLarge("characters", len(text), max_chars)
    words = document.word_count()
    if words > max_words:
        raise DocumentTooLarge("words", words, max_words)
    if document.chart_svg is not None:
        size = len(document.chart_svg.encode("utf-8", "replace"))
        if size > max_chart_bytes:
            raise DocumentTooLarge("chart bytes", size, max_chart_bytes)
