"""analyse_many: one nlp.pipe pass per language, the same results as analyse() one by one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bilan.coach import COACH_VERSION, TextTooLong, analyse, analyse_many

from .conftest import SYNTHESIS_EN, SYNTHESIS_FR

DATA = Path(__file__).resolve().parents[2] / "bilan" / "coach" / "data"


def _dev_texts() -> list[str]:
    texts = []
    for name in ("dev_fr.jsonl", "dev_en.jsonl"):
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines[:40]]
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
