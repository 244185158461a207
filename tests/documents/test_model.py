"""The section model: cleaning, counting, lookup."""

from __future__ import annotations

import pytest

from bilan.documents import TRAME, TRAME_HEADINGS, Document, Paragraph, Run, Section, count_words


def test_text_is_cleaned_of_what_xml_cannot_carry() -> None:
    run = Run("a\x00b\x0bc\ud800d\ufffe")
    assert run.text == "abcd"
    document = Document("Titre\x00", meta=[("Tuteur\x01", "Julien\x00")], footer="f\x00")
    assert (document.title, document.meta, document.footer) == (
        "Titre",
        [("Tuteur", "Julien")],
        "f",
    )


def test_tabs_newlines_and_no_break_spaces_are_kept() -> None:
    assert Run("a\tb\nc\u00a0:").text == "a\tb\nc\u00a0:"


def test_word_count_covers_everything_shown(document: Document) -> None:
    small = Document(
        "Bilan de stage",
        subtitle="Synthèse",
        meta=[("Tuteur", "Julien Perrin")],
        sections=[
            Section("introduction", "Introduction", [Paragraph([Run("J'ai appris — beaucoup.")])])
        ],
        footer="Camille",
    )
    # "—" alone is no word; "J'ai" is one.
    assert small.word_count() == 3 + 1 + 3 + 1 + 3 + 1
    assert 450 < document.word_count() < 800


def test_count_words_ignores_punctuation_tokens() -> None:
    assert count_words("Tuteur : Julien — 21 % ») ") == 3


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        Document("Title", language="de")  # type: ignore[arg-type]


def test_trame_has_six_parts_in_both_languages(document: Document) -> None:
    assert len(TRAME) == 6
    assert all(set(TRAME_HEADINGS[language]) == set(TRAME) for language in ("fr", "en"))
    assert [section.key for section in document.sections] == list(TRAME)
    assert document.section("competences") is document.sections[2]
    assert document.section("nope") is None
