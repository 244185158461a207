"""analyse_many: one nlp.pipe pass per language, the same results as analyse() one by one."""

from __future__ import annotations

import pytest

from bilan.coach import COACH_VERSION, TextTooLong, analyse, analyse_many
from bilan.coach.corpus import load_corpus, split

from .conftest import SYNTHESIS_EN, SYNTHESIS_FR


def _dev_texts() -> list[str]:
    """Documents of the corpus's train split, as running text, in both languages."""
    texts = []
    for language in ("fr", "en"):
        train, _ = split(load_corpus(language))
        texts += [" ".join(s.text for s in doc.sentences) for doc in train[:20]]
    return texts


def test_batch_equals_one_by_one_in_both_languages(coach_pipelines):
    texts = [SYNTHESIS_FR, "", "   \n", SYNTHESIS_EN, "J'ai\x00 appris à estimer.", *_dev_texts()]
    batch = analyse_many(texts)
    assert len(batch) == len(texts)
    for text, result in zip(texts, batch, strict=True):
        assert result == analyse(text)
    assert {result.language for result in batch} == {"fr", "en"}
    assert batch[1].sentences == ()


def test_batch_with_a_forced_language(coach_pipelines):
    texts = [SYNTHESIS_EN, "Tout s'est très bien passé."]
    assert analyse_many(texts, language="fr") == [analyse(t, language="fr") for t in texts]


def test_batch_refuses_a_too_long_text_before_parsing():
    with pytest.raises(TextTooLong):
        analyse_many(["court", "x" * 51], max_chars=50)
    with pytest.raises(ValueError, match="unsupported"):
        analyse_many(["x"], language="de")
    assert analyse_many([]) == []


def test_sentences_carry_prose_and_confidence(coach_pipelines):
    sentence = analyse("J'ai appris à estimer mes tâches.").sentences[0]
    data = sentence.to_dict()
    assert data["prose"] is True and 0.0 <= data["confidence"] <= 1.0
    assert isinstance(COACH_VERSION, str) and COACH_VERSION
