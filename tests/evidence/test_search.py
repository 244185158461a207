from __future__ import annotations

import pytest

from bilan.evidence.search import fold, index_text, query_terms


def test_fold_removes_accents_and_case():
    assert fold("Développé À Noël") == "developpe a noel"


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("développé", "Le developpement du site"),
        ("developpement", "J'ai développé un script"),
        ("réunions", "compte rendu de réunion"),
        ("CLIENT", "Appel aux clients"),
    ],
)
def test_query_matches_other_forms(query, text):
    indexed = index_text(text)
    assert all(f" {term}" in indexed for term in query_terms(query))


def test_query_terms_are_deduplicated_and_bounded():
    assert query_terms("réunion réunions Réunion") == ["reunion"]
    assert len(query_terms(" ".join(f"mot{i}" for i in range(100)))) == 12
