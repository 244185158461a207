"""The outline's arithmetic and the cue cards' key points, without a database."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bilan.documents.model import TRAME, TRAME_HEADINGS
from bilan.rehearsal.outline import (
    MIN_SHARE,
    STEP_SECONDS,
    allocate,
    clock,
    key_points,
    outline_build,
)

from .conftest import SECTIONS


@given(
    st.lists(st.integers(min_value=0, max_value=5000), min_size=1, max_size=6),
    st.integers(min_value=60, max_value=3600),
)
def test_allocation_always_sums_to_the_talk_length(words, total):
    seconds = allocate(words, total)
    assert len(seconds) == len(words)
    assert sum(seconds) == total
    assert all(value >= 0 for value in seconds)


def test_time_follows_the_length_of_each_part():
    seconds = allocate([100, 300, 600], 600)
    assert seconds[0] < seconds[1] < seconds[2]
    assert all(value % STEP_SECONDS == 0 for value in seconds)


def test_a_short_part_keeps_a_floor_of_time():
    seconds = allocate([2, 1000], 600)
    assert seconds[0] >= int(600 * MIN_SHARE / (1 + MIN_SHARE)) - STEP_SECONDS


def test_outline_skips_empty_sections_and_chains_times():
    items = outline_build(SECTIONS, TRAME_HEADINGS["fr"], TRAME, total_seconds=600)
    assert [item.key for item in items] == [
        "introduction",
        "deroulement",
        "competences",
        "difficultes",
        "ouverture",
    ]
    assert items[0].start == 0
    for before, after in zip(items, items[1:], strict=False):
        assert after.start == before.end
    assert items[-1].end == 600
    longest = max(items, key=lambda item: item.words)
    assert longest.key == "deroulement" and longest.seconds == max(i.seconds for i in items)


def test_own_times_apply_only_while_they_cover_the_same_parts():
    keys = ["introduction", "deroulement", "competences", "difficultes", "ouverture"]
    mine = dict.fromkeys(keys, 60)
    items = outline_build(SECTIONS, TRAME_HEADINGS["fr"], TRAME, total_seconds=600, overrides=mine)
    assert [item.seconds for item in items] == [60] * 5
    stale = {"introduction": 60, "deroulement": 60}
    items = outline_build(SECTIONS, TRAME_HEADINGS["fr"], TRAME, total_seconds=600, overrides=stale)
    assert sum(item.seconds for item in items) == 600


def test_too_long_when_read_aloud_would_not_fit():
    items = outline_build(SECTIONS, TRAME_HEADINGS["fr"], TRAME, total_seconds=60)
    assert next(i for i in items if i.key == "deroulement").too_long
    items = outline_build(SECTIONS, TRAME_HEADINGS["fr"], TRAME, total_seconds=3600)
    assert not any(item.too_long for item in items)


def test_key_points_are_first_sentences_and_list_items():
    assert key_points(SECTIONS["deroulement"]) == ["J'ai d'abord repris la newsletter mensuelle."]
    assert key_points(SECTIONS["competences"]) == [
        "Rédaction web : douze articles publiés",
        "Analyse de données : tableau de bord des publications",
        "Animation de réunion",
    ]
    long_point = key_points("mot " * 80)[0]
    assert long_point.endswith("…") and len(long_point) <= 110


def test_clock():
    assert clock(0) == "0:00"
    assert clock(65) == "1:05"
    assert clock(600) == "10:00"
