"""Benchmark of the document engine: ``python bench/synthesis.py`` from the repository root.

Renders Camille's realistic synthesis (six trame sections, lists, a chart) to PDF through
:func:`bilan.documents.render_pdf` and, in the same process, a bare
``weasyprint.HTML(string=html).write_pdf()`` of the very same HTML string; one warm-up each,
then the median of interleaved runs. Also times the DOCX and Markdown renderers. No Django.

Target: render_pdf / bare WeasyPrint <= 1.2 (the engine adds almost nothing to WeasyPrint).
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import weasyprint  # noqa: E402

from bilan.documents import (  # noqa: E402
    pdf_page_count,
    render_docx,
    render_html,
    render_markdown,
    render_pdf,
)
from bilan.documents.sample import sample_document  # noqa: E402

REPEATS = 7
TARGET_RATIO = 1.2


def timed(func: Callable[[], object]) -> float:
    # Collect first so that one side does not pay for the other's garbage.
    gc.collect()
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> int:
    document = sample_document("fr")
    html = render_html(document)

    def engine() -> bytes:
        return render_pdf(document)

    def bare() -> bytes:
        return weasyprint.HTML(string=html).write_pdf()

    pages = pdf_page_count(engine())  # warm-up, and the page count
    bare()
    engine_times: list[float] = []
    bare_times: list[float] = []
    # Interleaved so that machine noise hits both sides alike.
    for _ in range(REPEATS):
        engine_times.append(timed(engine))
        bare_times.append(timed(bare))
    engine_median = statistics.median(engine_times)
    bare_median = statistics.median(bare_times)
    ratio = engine_median / bare_median

    def docx() -> bytes:
        return render_docx(document)

    def markdown() -> str:
        return render_markdown(document)

    docx()
    markdown()
    docx_median = statistics.median(timed(docx) for _ in range(REPEATS))
    markdown_median = statistics.median(timed(markdown) for _ in range(REPEATS))

    print(
        f"document: {document.word_count()} words, {len(document.sections)} sections, "
        f"HTML {len(html):,} characters; median of {REPEATS} warm runs"
    )
    print(f"render_pdf():                  {engine_median * 1000:8.1f} ms  ({pages} pages)")
    print(f"bare HTML(string).write_pdf(): {bare_median * 1000:8.1f} ms")
    verdict = "OK" if ratio <= TARGET_RATIO else "ABOVE TARGET"
    print(f"ratio render_pdf/bare: {ratio:.2f} (target <= {TARGET_RATIO}) {verdict}")
    print(f"render_docx():                 {docx_median * 1000:8.1f} ms")
    print(f"render_markdown():             {markdown_median * 1000:8.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
