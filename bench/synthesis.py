"""Synthesis benchmark: ``python bench/synthesis.py`` from the repository root.

Loads the demo dossier into a throw-away SQLite database, drafts its synthesis, and renders it
to PDF through the same service the web and the CLI use (``synthesis_render``: the dossier's
document built from the database, the skills chart, WeasyPrint) and, in the same process, a
bare ``weasyprint.HTML(string=html).write_pdf()`` of the very same HTML string; one warm-up
each, then the median of interleaved runs. Also times DOCX and Markdown.

Target: synthesis_render / bare WeasyPrint <= 1.2.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BILAN_DATA_DIR", tempfile.mkdtemp(prefix="bilan-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bilan.settings")
os.environ.setdefault("BILAN_LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

import weasyprint  # noqa: E402
from django.core.management import call_command  # noqa: E402

from bilan.demo.services import demo_load  # noqa: E402
from bilan.documents import render_html  # noqa: E402
from bilan.synthesis import services  # noqa: E402

REPEATS = 7
TARGET_RATIO = 1.2


def timed(func: Callable[[], object]) -> float:
    # Collect first so that one side does not pay for the other's garbage.
    gc.collect()
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> int:
    call_command("migrate", verbosity=0)
    dossier = demo_load().dossier
    services.synthesis_generate(dossier=dossier)
    document = services.synthesis_document(dossier=dossier)
    html = render_html(document)

    def engine() -> bytes:
        return services.synthesis_render(dossier=dossier, fmt="pdf").content

    def bare() -> bytes:
        return weasyprint.HTML(string=html).write_pdf()

    pages = services.synthesis_render(dossier=dossier, fmt="pdf").pages  # warm-up
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
        return services.synthesis_render(dossier=dossier, fmt="docx").content

    def markdown() -> bytes:
        return services.synthesis_render(dossier=dossier, fmt="md").content

    docx()
    markdown()
    docx_median = statistics.median(timed(docx) for _ in range(REPEATS))
    markdown_median = statistics.median(timed(markdown) for _ in range(REPEATS))

    print(
        f"demo synthesis: {document.word_count()} words, {len(document.sections)} sections, "
        f"HTML {len(html):,} characters; median of {REPEATS} warm runs"
    )
    print(f"synthesis_render(pdf):         {engine_median * 1000:8.1f} ms  ({pages} pages)")
    print(f"bare HTML(string).write_pdf(): {bare_median * 1000:8.1f} ms")
    verdict = "OK" if ratio <= TARGET_RATIO else "ABOVE TARGET"
    print(f"ratio synthesis_render/bare: {ratio:.2f} (target <= {TARGET_RATIO}) {verdict}")
    print(f"synthesis_render(docx):        {docx_median * 1000:8.1f} ms")
    print(f"synthesis_render(md):          {markdown_median * 1000:8.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
