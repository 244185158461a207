"""The CNIL lexicon (no spaCy needed) and the rater's review with the coach."""

from __future__ import annotations

import pytest

from bilan.feedback.review import comment_review, sensitive_spans


@pytest.mark.parametrize(
    ("text", "language", "category", "word"),
    [
        ("Elle a été malade en juin.", "fr", "health", "malade"),
        ("Un arrêt maladie l'a absentée.", "fr", "health", "arrêt maladie"),
        ("Elle est enceinte.", "fr", "health", "enceinte"),
        ("Son handicap ne l'a pas gênée.", "fr", "health", "handicap"),
        ("Une DÉPRESSION passagère.", "fr", "health", "DÉPRESSION"),
        ("Son divorce l'a perturbée.", "fr", "private_life", "divorce"),
        ("Sa religion est discrète.", "fr", "opinions", "religion"),
        ("Ses opinions politiques sont connues.", "fr", "opinions", "opinions politiques"),
        ("Elle est très active au syndicat.", "fr", "opinions", "syndicat"),
        ("C'est une incapable.", "fr", "insults", "incapable"),
        ("She was sick in June.", "en", "health", "sick"),
        ("Her pregnancy was announced.", "en", "health", "pregnancy"),
        ("His divorce was hard.", "en", "private_life", "divorce"),
        ("Her religion is private.", "en", "opinions", "religion"),
        ("A trade union member.", "en", "opinions", "trade union"),
        ("He is lazy.", "en", "insults", "lazy"),
    ],
)
def test_sensitive_words(text, language, category, word):
    spans = sensitive_spans(text, language)
    assert [(c, text[s:e]) for c, s, e in spans] == [(category, word)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Elle a rédigé la politique de communication du marché.", "fr"),
        ("Marie a présenté le benchmark au comité le 12 mai.", "fr"),
        ("La newsletter est passée de 31 % à 42 % d'ouverture.", "fr"),
        ("She wrote the company policy on social media.", "en"),
    ],
)
def test_ordinary_work_sentences_are_not_flagged(text, language):
    assert sensitive_spans(text, language) == []


def test_review_combines_the_coach_and_the_lexicon():
    flags = comment_review(
        texts={"situation": "Bon travail.", "strengths_other": "Malade mais présente"},
        language="fr",
        coached=frozenset({"situation"}),
    )
    codes = {(flag.field, flag.code) for flag in flags}
    assert ("situation", "vague") in codes
    assert ("strengths_other", "health") in codes
    assert not any(f.field == "strengths_other" and f.code == "vague" for f in flags)
    health = next(f for f in flags if f.code == "health")
    assert health.excerpt == "Malade" and "santé" in health.message and health.suggestion


def test_concrete_comment_has_no_flag():
    flags = comment_review(
        texts={"situation": "Le 12 mai, son benchmark de 8 coopératives a servi au comité."},
        language="fr",
        coached=frozenset({"situation"}),
    )
    assert flags == []
