"""Readiness benchmark: ``python bench/readiness.py`` from the repository root.

Loads the demo dossier into a throw-away SQLite database, draft synthesis included, and grows
its journal to 200 entries of about 75 words (passages of the coach's development set). Then:

- the worker's refresh of the dossier's stored verdicts from scratch (``verdicts_refresh``:
  reading the texts, hashing, language detection, ``analyse_many``, serialising, upserting),
  against one bare ``nlp.pipe`` pass of the coach's own pipeline over the same texts, and,
  for reference, of the base spaCy model alone; median of interleaved warm runs;
- the readiness panel's warm response time through Django's test client (the whole
  request: session, access check, templates) and its query count.

Targets: refresh / coach nlp.pipe <= 1.2; panel < 100 ms warm.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
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

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bilan.coach import analyse  # noqa: E402
from bilan.coach.detect import detect_language  # noqa: E402
from bilan.coach.pipeline import get_pipeline, load_base_model  # noqa: E402
from bilan.coach.textutil import clean, word_count  # noqa: E402
from bilan.demo.services import demo_load  # noqa: E402
from bilan.dossiers import services as dossiers  # noqa: E402
from bilan.dossiers.models import Dossier  # noqa: E402
from bilan.synthesis import services as synthesis  # noqa: E402
from bilan.writing.models import CoachResult  # noqa: E402
from bilan.writing.services import dossier_readiness  # noqa: E402
from bilan.writing.texts import dossier_sources  # noqa: E402
from bilan.writing.verdicts import BATCH_SIZE, verdicts_refresh  # noqa: E402

DATA = ROOT / "bilan" / "coach" / "data" / "dev_fr.jsonl"
JOURNAL_ENTRIES = 200
ENTRY_WORDS = 75
REPEATS = 3
PANEL_RUNS = 30
TARGET_RATIO = 1.2
TARGET_PANEL_MS = 100.0


def journal_texts(count: int, words: int) -> list[str]:
    """``count`` distinct entries of about ``words`` words, from development-set passages."""
    passages = [json.loads(line)["text"] for line in DATA.read_text(encoding="utf-8").splitlines()]
    texts: list[str] = []
    index = 0
    while len(texts) < count:
        parts: list[str] = []
        while word_count(" ".join(parts)) < words:
            # A stride prime with the corpus size varies the mix from one entry to the next.
            parts.append(passages[(index * 7) % len(passages)])
            index += 1
        texts.append(" ".join(parts))
    return texts


def build() -> Dossier:
    call_command("migrate", verbosity=0)
    dossier = demo_load().dossier
    synthesis.synthesis_generate(dossier=dossier)
    missing = JOURNAL_ENTRIES - dossier.journal_entries.count()
    start = dt.date(2026, 1, 5)
    for day, text in enumerate(journal_texts(missing, ENTRY_WORDS)):
        dossiers.journal_entry_create(
            dossier=dossier, date=start + dt.timedelta(days=day), text=text
        )
    return dossier


def timed(func: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> int:
    dossier = build()
    if os.environ.get("BENCH_PROFILE_PANEL"):
        return profile_panel(dossier)
    texts = [source.text for source in dossier_sources(dossier=dossier)]
    journal = dossier.journal_entries.count()
    groups: dict[str, list[str]] = {}
    for text in texts:
        cleaned = clean(text)
        groups.setdefault(detect_language(cleaned), []).append(cleaned)
    coach_nlp = {lang: get_pipeline(lang) for lang in groups}
    base_nlp = {lang: load_base_model(lang) for lang in groups}
    for lang, items in groups.items():  # warm-up: first calls allocate
        list(coach_nlp[lang].pipe(items[:20]))
        list(base_nlp[lang].pipe(items[:20]))

    def refresh() -> None:
        outcome = verdicts_refresh(dossier_id=dossier.pk)
        assert outcome.analysed == len(texts), outcome

    def pipe(models: dict[str, object]) -> Callable[[], None]:
        def run() -> None:
            for lang, items in groups.items():
                nlp = models[lang]
                for _doc in nlp.pipe(items, batch_size=BATCH_SIZE):  # type: ignore[attr-defined]
                    pass

        return run

    refresh_times: list[float] = []
    coach_times: list[float] = []
    base_times: list[float] = []
    # Interleaved so that machine noise hits all sides alike.
    for _ in range(REPEATS):
        CoachResult.objects.filter(dossier=dossier).delete()
        refresh_times.append(timed(refresh))
        coach_times.append(timed(pipe(coach_nlp)))
        base_times.append(timed(pipe(base_nlp)))
    refresh_median = statistics.median(refresh_times)
    coach_median = statistics.median(coach_times)
    base_median = statistics.median(base_times)
    ratio = refresh_median / coach_median

    # What the panel did before results were stored: one analyse() per text, per page view.
    per_text = timed(lambda: [analyse(text) for text in texts])

    readiness = dossier_readiness(dossier=dossier)
    assert readiness.pending == 0, readiness.pending
    client = Client()
    client.force_login(dossier.owner)
    url = reverse("writing:readiness", args=[dossier.pk])
    for _ in range(3):
        assert client.get(url, HTTP_HOST="localhost").status_code == 200
    queries: list[str] = []

    def count(execute: Callable[..., object], sql: str, *args: object) -> object:
        queries.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        body = client.get(url, HTTP_HOST="localhost").content.decode()
    assert "Analyse en cours" not in body
    panel_median = statistics.median(
        timed(lambda: client.get(url, HTTP_HOST="localhost")) for _ in range(PANEL_RUNS)
    )

    words = sum(word_count(text) for text in texts)
    print(
        f"dossier: {len(texts)} texts ({journal} journal entries), {words:,} words; "
        f"median of {REPEATS} interleaved warm runs"
    )
    print(f"worker refresh (verdicts_refresh):   {refresh_median * 1000:8.0f} ms")
    print(f"coach pipeline nlp.pipe, bare pass:  {coach_median * 1000:8.0f} ms")
    print(f"base spaCy model nlp.pipe (ref.):    {base_median * 1000:8.0f} ms")
    verdict = "OK" if ratio <= TARGET_RATIO else "ABOVE TARGET"
    print(f"ratio refresh/coach nlp.pipe: {ratio:.2f} (target <= {TARGET_RATIO}) {verdict}")
    print(f"ratio refresh/base nlp.pipe:  {refresh_median / base_median:.2f} (reference)")
    print(f"one analyse() per text (the panel's old way, per view): {per_text * 1000:8.0f} ms")
    verdict = "OK" if panel_median * 1000 < TARGET_PANEL_MS else "ABOVE TARGET"
    print(
        f"readiness panel, warm: {panel_median * 1000:.1f} ms median of {PANEL_RUNS} "
        f"(target < {TARGET_PANEL_MS:.0f} ms) {verdict}; {len(queries)} queries"
    )
    return 0


def profile_panel(dossier: Dossier) -> int:
    import cProfile
    import pstats

    verdicts_refresh(dossier_id=dossier.pk)
    client = Client()
    client.force_login(dossier.owner)
    url = reverse("writing:readiness", args=[dossier.pk])
    client.get(url, HTTP_HOST="localhost")
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(10):
        client.get(url, HTTP_HOST="localhost")
    profile.disable()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
