"""Bilan's writing coach: labels the sentences of a review and says how to improve it.

Pure Python on top of spaCy; never imports Django. The spaCy model is loaded on the first call
to :func:`analyse`, not at import time::

    from bilan.coach import analyse
    result = analyse("Tout s'est très bien passé.")
    result.sentences[0].labels  # frozenset({'vague'})
"""

from __future__ import annotations

from bilan.coach.api import MAX_CHARS, analyse, analyse_many
from bilan.coach.detect import detect_language
from bilan.coach.errors import TextTooLong
from bilan.coach.findings import MIN_DOCUMENT_WORDS
from bilan.coach.results import LABELS, Analysis, Figures, Finding, Sentence
from bilan.coach.version import COACH_VERSION

__all__ = [
    "COACH_VERSION",
    "LABELS",
    "MAX_CHARS",
    "MIN_DOCUMENT_WORDS",
    "Analysis",
    "Figures",
    "Finding",
    "Sentence",
    "TextTooLong",
    "analyse",
    "analyse_many",
    "detect_language",
]
