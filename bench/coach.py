"""Benchmark of the writing coach: ``python bench/coach.py`` from the repository root.

Compares :func:`bilan.coach.analyse` with a bare ``nlp(text)`` of ``fr_core_news_sm``'s full
default pipeline on the same ~10,000-word French text (built from the corpus's train split),
warm, interleaved runs; then times a warm 1,000-word analysis and reports the cold start (model
load + first call) measured at the very beginning. No Django involved.

Targets: coach throughput >= 1.0 x the bare full parse; 1,000 words < 300 ms warm.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bilan.coach import analyse  # noqa: E402
from bilan.coach.corpus import CORPUS_DIR, load_corpus, split  # noqa: E402
from bilan.coach.pipeline import load_base_model  # noqa: E402
from bilan.coach.textutil import word_count  # noqa: E402

DATA = CORPUS_DIR / "fr.jsonl"
REPEATS = 5
TARGET_RATIO = 1.0
TARGET_1K_MS = 300.0


def build_text(words: int) -> str:
    """Paragraphs of the train split's documents, repeated until ``words`` words."""
    train, _ = split(load_corpus("fr"))
    passages = [" ".join(s.text for s in doc.sentences if not s.skip) for doc in train]
    paragraphs: list[str] = []
    current: list[str] = []
    total = 0
    index = 0
    while total < words:
        passage = passages[index % len(passages)]
        index += 1
        current.append(passage)
        total += word_count(passage)
        if len(current) == 6:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def timed(func: object, text: str, repeats: int) -> list[float]:
    assert callable(func)
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        func(text)
        out.append(time.perf_counter() - start)
    return out


def main() -> int:
    small = build_text(1_000)
    start = time.perf_counter()
    analyse(small, language="fr")
    cold = time.perf_counter() - start

    text = build_text(10_000)
    bare = load_base_model("fr", full=True)
    bare(small)  # warm the bare model too

    def coach(t: str) -> object:
        return analyse(t, language="fr")

    bare_times: list[float] = []
    coach_times: list[float] = []
    # Interleave runs so that machine noise hits both sides alike.
    for _ in range(REPEATS):
        bare_times += timed(bare, text, 1)
        coach_times += timed(coach, text, 1)
    bare_best, coach_best = min(bare_times), min(coach_times)
    ratio = statistics.median(bare_times) / statistics.median(coach_times)
    small_times = timed(coach, small, REPEATS * 2)

    words = word_count(text)
    print(f"text: {words} words, {len(text)} characters (French, from {DATA.name})")
    print(
        f"bare nlp(text):   best {bare_best * 1000:8.1f} ms  "
        f"median {statistics.median(bare_times) * 1000:8.1f} ms  "
        f"({words / bare_best:,.0f} words/s)"
    )
    print(
        f"coach analyse():  best {coach_best * 1000:8.1f} ms  "
        f"median {statistics.median(coach_times) * 1000:8.1f} ms  "
        f"({words / coach_best:,.0f} words/s)"
    )
    verdict = "OK" if ratio >= TARGET_RATIO else "BELOW TARGET"
    print(
        f"throughput ratio coach/bare (medians): {ratio:.2f} (target >= {TARGET_RATIO}) {verdict}"
    )
    small_best = min(small_times) * 1000
    small_median = statistics.median(small_times) * 1000
    verdict = "OK" if small_median < TARGET_1K_MS else "BELOW TARGET"
    print(
        f"1,000-word text ({word_count(small)} words), warm: best {small_best:.1f} ms, "
        f"median {small_median:.1f} ms (target < {TARGET_1K_MS:.0f} ms) {verdict}"
    )
    print(f"cold start (model load + first 1,000-word analysis): {cold * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
