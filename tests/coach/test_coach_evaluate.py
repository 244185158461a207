"""The labelled sets and the evaluation module."""

from __future__ import annotations

from collections import Counter

import pytest

from bilan.coach import LABELS
from bilan.coach.evaluate import (
    DATA_DIR,
    Score,
    load_cered,
    load_examples,
    main,
    score,
)


@pytest.mark.parametrize(
    ("name", "minimum"),
    [("dev_fr", 300), ("dev_en", 100), ("heldout_fr", 100), ("heldout_en", 30)],
)
def test_labelled_sets_are_shipped(name, minimum):
    examples = load_examples(DATA_DIR / f"{name}.jsonl")
    assert len(examples) >= minimum
    assert {example.lang for example in examples} == {name.split("_")[1]}
    counts = Counter(label for example in examples for label in example.labels)
    assert set(counts) == set(LABELS)
    assert any(len(example.labels) > 1 for example in examples)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_labelled_sets_include_unlabelled_items(lang):
    examples = load_examples(DATA_DIR / f"dev_{lang}.jsonl")
    assert sum(1 for example in examples if not example.labels) >= 5


def test_dev_and_heldout_do_not_overlap():
    for lang in ("fr", "en"):
        dev = {e.text for e in load_examples(DATA_DIR / f"dev_{lang}.jsonl")}
        heldout = {e.text for e in load_examples(DATA_DIR / f"heldout_{lang}.jsonl")}
        assert not dev & heldout


def test_score():
    gold = [frozenset({"vague"}), frozenset(), frozenset({"vague"})]
    predicted = [frozenset({"vague"}), frozenset({"vague"}), frozenset()]
    s = score(gold, predicted, "vague")
    assert s == Score(tp=1, fp=1, fn=1)
    assert s.precision == s.recall == s.f1 == 0.5
    assert Score(0, 0, 0).f1 == 0.0


def test_cered_is_skipped_when_absent(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BILAN_SHARED_DIR", str(tmp_path))
    assert load_cered() is None
    assert main(["cered"]) == 0
    assert "CEReD: skipped: not found" in capsys.readouterr().out


def test_cered_rows_when_present():
    rows = load_cered("val")
    if rows is None:
        pytest.skip("../shared/data/cered-en is not available in this checkout")
    assert len(rows) > 300
    assert {"Difficulty", "Reflection", "Learning"} <= {label for _, label in rows}


def test_worked_examples_from_the_product_team(run):
    from bilan.coach.evaluate import shared_dir

    path = shared_dir() / "coach" / "label-examples.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is not available in this checkout")
    examples = load_examples(path)
    wrong = [e.text for e in examples if run(e.text, e.lang).labels() != e.labels]
    # A plain action is a solution only given the difficulty before it, which these
    # one-sentence examples leave out: those two are expected misses.
    assert len(wrong) <= 2, wrong
