"""The timed outline of the talk, computed from the synthesis's sections.

Pure functions: the sections come in as Markdown, the outline goes out as plain data, so the
page, the timer and the cue cards read the same figures.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bilan.documents.markup import parse_markdown
from bilan.documents.model import BulletList, Paragraph, count_words

# Speaking pace used to tell the intern a section will not fit; a calm presentation is
# around 120–150 words a minute.
WORDS_PER_MINUTE = 130
# Every non-empty section keeps at least this share of the time, so a two-line introduction
# still gets a moment.
MIN_SHARE = 0.06
# Times are rounded to this step: nobody rehearses to the second.
STEP_SECONDS = 5
POINTS_PER_CARD = 4
POINT_MAX_CHARS = 110

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-ÖØ-Þ0-9«\"(])")


@dataclass(frozen=True)
class OutlineItem:
    key: str
    heading: str
    start: int  # seconds from the beginning of the talk
    seconds: int
    words: int
    points: list[str] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.start + self.seconds

    @property
    def too_long(self) -> bool:
        """Read aloud, the section's text would not fit its time: keep to the key points."""
        return self.words * 60 > self.seconds * WORDS_PER_MINUTE * 1.5


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= POINT_MAX_CHARS:
        return text
    cut = text[: POINT_MAX_CHARS - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def key_points(markdown: str, limit: int = POINTS_PER_CARD) -> list[str]:
    """The first sentence of each paragraph and each list item: what a cue card holds."""
    points: list[str] = []
    for block in parse_markdown(markdown):
        if isinstance(block, Paragraph):
            candidates = [_SENTENCE_END.split(block.text.strip(), maxsplit=1)[0]]
        elif isinstance(block, BulletList):
            candidates = block.texts
        else:  # pragma: no cover — parse_markdown yields only these two
            continue
        for candidate in candidates:
            if candidate.strip():
                points.append(_shorten(candidate))
            if len(points) == limit:
                return points
    return points


def _round_step(value: float) -> int:
    return max(STEP_SECONDS, int(round(value / STEP_SECONDS)) * STEP_SECONDS)


def allocate(words: Sequence[int], total_seconds: int) -> list[int]:
    """Split the talk's time among sections in proportion to their length.

    Each section keeps at least MIN_SHARE of the weight; the result sums to total_seconds
    exactly (the largest section absorbs the rounding).
    """
    if not words:
        return []
    total_words = sum(words) or len(words)
    floor = MIN_SHARE * total_words
    weights = [max(float(w), floor) for w in words]
    weight_sum = sum(weights)
    seconds = [_round_step(total_seconds * w / weight_sum) for w in weights]
    largest = max(range(len(seconds)), key=lambda i: weights[i])
    seconds[largest] += total_seconds - sum(seconds)
    if seconds[largest] < STEP_SECONDS:  # only when there are more sections than steps
        seconds = [total_seconds // len(words)] * len(words)
        seconds[-1] += total_seconds - sum(seconds)
    return seconds


def outline_build(
    sections: Mapping[str, str],
    headings: Mapping[str, str],
    order: Sequence[str],
    *,
    total_seconds: int,
    overrides: Mapping[str, int] | None = None,
) -> list[OutlineItem]:
    """The outline of the non-empty sections, in the trame's order.

    ``overrides`` (seconds per key, set by the intern) apply only when they cover exactly the
    sections there are: a section added or emptied since makes the proportional split return.
    """
    keys = [key for key in order if sections.get(key, "").strip()]
    words = [count_words(sections[key]) for key in keys]
    if overrides and set(overrides) == set(keys):
        seconds = [max(0, int(overrides[key])) for key in keys]
    else:
        seconds = allocate(words, total_seconds)
    items: list[OutlineItem] = []
    start = 0
    for key, count, length in zip(keys, words, seconds, strict=True):
        items.append(
            OutlineItem(
                key=key,
                heading=headings.get(key, key),
                start=start,
                seconds=length,
                words=count,
                points=key_points(sections[key]),
            )
        )
        start += length
    return items


def clock(seconds: int) -> str:
    """ "1:05" for 65 seconds; minutes are not padded, as on a stopwatch."""
    minutes, rest = divmod(max(0, int(seconds)), 60)
    return f"{minutes}:{rest:02d}"
