"""Rule logic on hand-built inputs: no model needed."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from bilan.coach.lang import get_lexicon
from bilan.coach.rules import SentenceFeatures, label_sentences, sentence_features
from bilan.coach.textutil import clean


@pytest.fixture(scope="module")
def blank_fr():
    return spacy.blank("fr")


def _features(nlp, words: list[str], spaces: list[bool] | None = None) -> SentenceFeatures:
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    text = doc.text
    return sentence_features(doc[:], get_lexicon("fr"), text=text, start=0, end=len(text))


def test_features_on_a_hand_built_doc(blank_fr):
    feats = _features(blank_fr, ["Le", "boulot", "était", "nul", "!!!"])
    kinds = [(hit.kind, hit.word) for hit in feats.tone]
    assert ("familiar", "boulot") in kinds
    assert ("blame", "nul") in kinds
    assert ("punctuation", "!!!") in kinds
    assert feats.blame


def test_digits_make_a_sentence_concrete(blank_fr):
    feats = _features(blank_fr, ["Tout", "était", "bien", "le", "4", "juin", "."])
    assert feats.vague_signal and feats.concrete


def test_remedy_verb_hides_the_problem_it_fixes(blank_fr):
    feats = _features(
        blank_fr, ["Pour", "résoudre", "ce", "problème", ",", "j'", "ai", "appelé", "."]
    )
    assert not feats.difficulty
    assert feats.solution_marker and feats.solution_at_start


def _plain(**kwargs: bool) -> SentenceFeatures:
    feats = SentenceFeatures(start=0, end=10, word_count=6, has_verb=True)
    for name, value in kwargs.items():
        setattr(feats, name, value)
    return feats


def test_label_sentences_uses_the_next_sentence_as_illustration():
    claim = _plain(vague_signal=True)
    example = _plain(example_start=True, concrete=True)
    assert label_sentences([claim]) == [frozenset({"vague"})]
    assert label_sentences([claim, example]) == [frozenset({"descriptive"})] * 2


def test_label_sentences_answers_a_difficulty_with_the_next_action():
    problem = _plain(difficulty=True)
    action = _plain(first_person_action=True)
    assert label_sentences([problem, action]) == [
        frozenset({"difficulty"}),
        frozenset({"solution", "descriptive"}),
    ]


def test_questions_and_thanks_carry_no_label():
    assert label_sentences([_plain(is_question=True), _plain(thanks=True, vague_signal=True)]) == [
        frozenset(),
        frozenset(),
    ]


def test_clean_keeps_length_and_removes_controls():
    raw = "a\x00b\x07c\ufeffd\ne\tf"
    cleaned = clean(raw)
    assert len(cleaned) == len(raw)
    assert cleaned == "a b c d\ne\tf"


def test_pipeline_puts_results_on_doc_and_span_extensions(coach_pipelines):
    nlp = coach_pipelines["fr"]
    assert nlp.pipe_names[-2:] == ["coach_features", "coach_labeller"]
    doc = nlp("Tout s'est très bien passé. J'ai appris à estimer mes tâches en demi-journées.")
    assert doc._.coach_labels == [frozenset({"vague"}), frozenset({"reflective"})]
    first = doc._.coach_features[0]
    span = doc.char_span(first.start, first.end)
    assert span is not None and span._.coach_labels == frozenset({"vague"})
