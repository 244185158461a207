from __future__ import annotations

import subprocess
import sys

import pytest

from bilan.evidence.search import index_text, query_terms
from bilan.skills.textnorm import normalise
from bilan.textfold import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Cœur", "coeur"),
        ("ŒUVRE", "oeuvre"),
        ("Lætitia", "laetitia"),
        ("Æsop", "aesop"),
        ("Straße", "strasse"),
        ("GROẞ", "gross"),
        ("Développé À Noël", "developpe a noel"),
        ("ça, garçon, naïf, Ève", "ca, garcon, naif, eve"),
        ("ﬁchier", "fichier"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_every_search_folds_the_same_way() -> None:
    # Skill labels and trace stems used to disagree on "œ": one spelt it "oe", one kept it.
    assert normalise("  Œuvre   du  cœur ") == "oeuvre du coeur"
    assert query_terms("cœur") == query_terms("coeur")
    assert all(f" {term}" in index_text("Le CŒUR du sujet") for term in query_terms("coeur"))


def test_text_module_imports_no_django() -> None:
    code = "import sys, bilan.textfold; assert not [m for m in sys.modules if 'django' in m]"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_feedback_review_folds_the_same_way_and_keeps_offsets() -> None:
    from bilan.feedback.review import sensitive_spans

    # "œ" folds to two letters: the spans found after it still point at the right words.
    text = "Au cœur de l'ŒUVRE, elle était malade."
    assert [(c, text[s:e]) for c, s, e in sensitive_spans(text, "fr")] == [("health", "malade")]
