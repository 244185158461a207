"""Real text structure: Markdown, headings, list fragments, text from PDF and DOCX files."""

from __future__ import annotations

import pytest

from bilan.coach.structure import reflow_extracted, strip_markup

FRONT_MATTER = """---
layout: post
title: Mon bilan de stage chez Orange
date: 2024-06-30
---

## Ce que j'ai fait

J'ai **développé** une API de suivi des tickets avec [Django](https://example.org).

## Ce que j'en retiens

Travailler chaque semaine avec les développeurs seniors m'a rendu beaucoup plus sûr de moi \
quand je présente mon code en revue.
"""


def test_strip_markup_keeps_offsets_and_words():
    stripped = strip_markup(FRONT_MATTER)
    assert len(stripped) == len(FRONT_MATTER)
    assert "layout" not in stripped and "title" not in stripped
    assert "**" not in stripped and "https" not in stripped and "[" not in stripped
    start = FRONT_MATTER.index("développé")
    assert stripped[start : start + 9] == "développé"
    assert "Django" in stripped
    assert stripped.count("\n") == FRONT_MATTER.count("\n")


def test_plain_text_is_untouched():
    text = "J'ai préparé 12 devis. Ensuite, j'ai relancé les clients."
    assert strip_markup(text) is text


def test_front_matter_and_headings_are_not_analysed(run):
    analysis = run(FRONT_MATTER)
    texts = [s.text for s in analysis.sentences]
    assert not any("layout" in t or "title:" in t for t in texts)
    prose = [s for s in analysis.sentences if s.prose]
    assert [s.text.startswith("##") for s in analysis.sentences if not s.prose] == [True, True]
    assert len(prose) == 2
    assert analysis.figures.sentence_count == 2
    assert "reflective" in prose[1].labels


def test_list_fragments_without_verb_are_skipped_and_not_counted(run):
    text = (
        "Mes missions :\n"
        "- Rédaction des comptes rendus hebdomadaires\n"
        "- Gestion du planning\n"
        "- J'ai animé la réunion d'équipe du lundi.\n"
        "J'ai compris qu'une réunion courte avec un ordre du jour écrit fait gagner du temps.\n"
    )
    analysis = run(text, "fr")
    fragments = [s for s in analysis.sentences if not s.prose]
    assert {s.text.strip() for s in fragments} >= {
        "- Rédaction des comptes rendus hebdomadaires",
        "- Gestion du planning",
    }
    assert all(not s.labels for s in fragments)
    prose = [s for s in analysis.sentences if s.prose]
    assert len(prose) == analysis.figures.sentence_count == 2
    assert analysis.figures.reflective_share == pytest.approx(0.5)


def test_reflow_joins_hyphenation_and_drops_running_headers():
    pages = []
    for number in range(1, 5):
        pages.append(
            f"Rapport de stage — Léa Martin\n"
            f"Pendant la semaine {number}, j'ai mis à jour le tableau de bord des ventes et j'ai "
            f"présenté les résul-\ntats à l'équipe commerciale.\n"
            f"Page {number} / 4"
        )
    text = reflow_extracted("\f".join(pages))
    assert "Rapport de stage" not in text
    assert "Page" not in text
    assert "résultats" in text and "résul-" not in text
    assert text.count("tableau de bord") == 4


def test_numbered_report_headings_are_headings(run):
    text = (
        "2.1 Présentation de l'entreprise\n"
        "La société compte 40 salariés répartis sur deux sites.\n"
        "2.2 Mes missions\n"
        "J'ai conçu le plan de maintenance préventive des trois presses.\n"
    )
    analysis = run(text, "fr")
    headings = [s.text for s in analysis.sentences if not s.prose]
    assert headings == ["2.1 Présentation de l'entreprise", "2.2 Mes missions"]
