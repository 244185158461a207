"""The labelled corpus, its fixed split, and the evaluation's arithmetic."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from bilan.coach import LABELS
from bilan.coach.corpus import is_held_out, load_corpus, parse_document, read_corpus, split
from bilan.coach.evaluate import Score, agreement, cohen_kappa, score


@pytest.mark.parametrize(("language", "minimum"), [("fr", 2000), ("en", 600)])
def test_corpus_is_shipped_double_annotated_and_resolved(language, minimum):
    documents = load_corpus(language)
    sentences = [s for d in documents for s in d.sentences if not s.skip]
    assert len(sentences) >= minimum
    assert {d.language for d in documents} == {language}
    assert all(s.a is not None and s.b is not None for s in sentences)
    counts = Counter(label for s in sentences for label in s.labels)
    assert set(counts) == set(LABELS)
    # Every disagreement was resolved into a final label set.
    disputed = [s for s in sentences if s.a != s.b]
    assert disputed and all(isinstance(s.labels, frozenset) for s in disputed)
    assert len({d.doc for d in documents}) == len(documents)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_split_is_by_document_and_about_a_fifth(language):
    documents = load_corpus(language)
    train, held_out = split(documents)
    assert not {d.doc for d in train} & {d.doc for d in held_out}
    assert 0.12 < len(held_out) / len(documents) < 0.28


def test_split_depends_on_the_id_only():
    assert is_held_out("fr-a-0001") == is_held_out("fr-a-0001")
    ids = [f"doc-{n}" for n in range(1000)]
    share = sum(map(is_held_out, ids)) / len(ids)
    assert 0.15 < share < 0.25


def test_corpus_lines_are_validated(tmp_path):
    path = tmp_path / "fr.jsonl"
    good = {"doc": "x-1", "lang": "fr", "sentences": [{"text": "Bonjour.", "labels": []}]}
    bad = {"doc": "x-2", "lang": "fr", "sentences": [{"text": "Oups.", "labels": ["flou"]}]}
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        read_corpus(path)
    skip = parse_document(
        json.dumps({"doc": "x", "lang": "fr", "sentences": [{"text": "Intro", "skip": True}]})
    )
    assert skip.sentences[0].skip and skip.sentences[0].labels == frozenset()


def test_score():
    gold = [frozenset({"vague"}), frozenset(), frozenset({"vague"})]
    predicted = [frozenset({"vague"}), frozenset({"vague"}), frozenset()]
    s = score(gold, predicted, "vague")
    assert s == Score(tp=1, fp=1, fn=1)
    assert s.precision == s.recall == s.f1 == 0.5
    assert Score(0, 0, 0).f1 == 0.0


def test_cohen_kappa():
    assert cohen_kappa([True, False, True, False], [True, False, True, False]) == 1.0
    # Agreement no better than chance.
    assert cohen_kappa([True, True, False, False], [True, False, True, False]) == 0.0
    assert cohen_kappa([True, False, False, False], [False, False, False, True]) < 0


def test_agreement_reads_both_annotators():
    line = {
        "doc": "k",
        "lang": "fr",
        "sentences": [
            {"text": "Un.", "labels": ["vague"], "a": ["vague"], "b": ["vague"]},
            {"text": "Deux.", "labels": [], "a": [], "b": ["tone"]},
            {"text": "Trois.", "labels": ["tone"], "a": ["tone"], "b": ["tone"]},
            {"text": "Quatre.", "labels": [], "a": [], "b": []},
        ],
    }
    kappas = agreement([parse_document(json.dumps(line))])
    assert kappas["vague"] == (1.0, 4)
    assert 0 < kappas["tone"][0] < 1
