"""The public API: offsets, serialisation, language, bad input and import hygiene."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest

from bilan.coach import LABELS, MAX_CHARS, TextTooLong, analyse, detect_language
from bilan.coach.errors import TextTooLong as TextTooLongFromModule

from .conftest import SYNTHESIS_EN, SYNTHESIS_FR

TEXTS = [
    SYNTHESIS_FR,
    SYNTHESIS_EN,
    "  Première phrase.   Deuxième phrase !\n\nTroisième ?  ",
    "J’ai appris à rédiger des devis – en 24 h – pour l’équipe « Ventes ».",
    "Ligne coupée en plein\nmilieu de phrase par un éditeur, qui continue ici.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_offsets_index_the_input(run, text):
    analysis = run(text)
    assert analysis.sentences
    for sentence in analysis.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert sentence.labels <= set(LABELS)
    starts = [s.start for s in analysis.sentences]
    assert starts == sorted(starts)


def test_hard_wrapped_line_stays_one_sentence(run):
    text = "Ligne coupée en plein\nmilieu de phrase par un éditeur, qui continue ici."
    assert [s.text for s in run(text, "fr").sentences] == [text]


@pytest.mark.parametrize("text", [SYNTHESIS_FR, "Le boulot était cool !!! 😍"])
def test_to_dict_round_trips_through_json(run, text):
    analysis = run(text)
    data = json.loads(json.dumps(analysis.to_dict()))
    assert data["language"] == "fr"
    assert [s["text"] for s in data["sentences"]] == [s.text for s in analysis.sentences]
    assert [f["code"] for f in data["findings"]] == [f.code for f in analysis.findings]
    assert data["figures"]["word_count"] == analysis.word_count
    first = data["sentences"][0]
    assert set(first) == {
        "start",
        "end",
        "text",
        "labels",
        "is_heading",
        "prose",
        "confidence",
        "uncertain",
    }


def test_figures(run):
    analysis = run(SYNTHESIS_FR, "fr")
    figures = analysis.figures
    assert 150 < figures.word_count < 260
    assert figures.sentence_count == len([s for s in analysis.sentences if not s.is_heading])
    assert figures.page_estimate == round(figures.word_count / 500, 2)
    assert 0 <= figures.reflective_share < 0.2
    assert figures.label_counts["descriptive"] >= 6
    assert sum(1 for s in analysis.sentences if s.is_heading) == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SYNTHESIS_FR, "fr"),
        (SYNTHESIS_EN, "en"),
        ("J'ai appris beaucoup de choses pendant ce stage.", "fr"),
        ("I learned a lot during this internship.", "en"),
        # Mixed: the majority wins.
        (
            "I learned a lot. J'ai rédigé les devis de la semaine et je les ai envoyés aux clients "
            "du cabinet avec ma tutrice.",
            "fr",
        ),
        (
            "J'ai beaucoup appris. Then I wrote the reports for the team and sent them to all the "
            "clients of the firm with my mentor.",
            "en",
        ),
        ("", "fr"),
    ],
)
def test_language_detection(text, expected):
    assert detect_language(text) == expected


def test_language_can_be_forced(run):
    analysis = run("Tout s'est très bien passé.", "en")
    assert analysis.language == "en"
    assert analysis.sentences[0].text == "Tout s'est très bien passé."


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unsupported language"):
        analyse("Hallo Welt", language="de")


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t"])
def test_empty_text_gives_an_empty_analysis(text):
    analysis = analyse(text)
    assert analysis.sentences == ()
    assert analysis.findings == ()
    assert analysis.figures.word_count == 0
    assert analysis.to_dict()["sentences"] == []


def test_too_long_text_raises_with_the_figures():
    with pytest.raises(TextTooLong) as info:
        analyse("a" * 1001, max_chars=1000)
    error = info.value
    assert isinstance(error, ValueError)
    assert TextTooLong is TextTooLongFromModule
    assert (error.size, error.limit) == (1001, 1000)
    assert "1,001" in str(error) and "1,000" in str(error)
    assert "Texte trop long" in str(error) and "Text too long" in str(error)
    assert "1\u202f001" in error.message("fr")


def test_default_limit_is_200_000_characters():
    assert MAX_CHARS == 200_000
    with pytest.raises(TextTooLong, match="200,000"):
        analyse("x" * (MAX_CHARS + 1))


def test_binary_garbage_is_handled_with_valid_offsets(run):
    text = "J'ai\x00 appris\x07 à rédiger des devis\x1b en 24 heures.\ufeff\x00\x01\x02\x03"
    analysis = run(text, "fr")
    assert [s.text for s in analysis.sentences] == [text[: text.index(".") + 1]]
    assert analysis.sentences[0].labels == {"reflective"}
    for sentence in analysis.sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_random_bytes_do_not_break_the_invariants(run):
    garbage = bytes(range(256)).decode("latin-1") * 3 + "\ud800 fin."
    analysis = run(garbage)
    assert analysis.language in ("fr", "en")
    for sentence in analysis.sentences:
        assert garbage[sentence.start : sentence.end] == sentence.text
    for finding in analysis.findings:
        assert 0 <= finding.start <= finding.end <= len(garbage)


def test_concurrent_calls_share_one_pipeline(run):
    results: list[frozenset[str]] = []

    def work() -> None:
        results.append(analyse("J'ai beaucoup appris.", language="fr").labels())

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [frozenset({"vague"})] * 4


def test_import_does_not_import_django_nor_load_a_model():
    code = (
        "import sys, bilan.coach, bilan.coach.cli, bilan.coach.evaluate\n"
        "from bilan.coach import pipeline\n"
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django'\n"
        "assert not pipeline.is_loaded('fr') and not pipeline.is_loaded('en')\n"
        "print('clean')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "clean"
