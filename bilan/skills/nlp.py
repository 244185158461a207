"""The French spaCy pipeline, loaded once per process on first use, never at import time.

The coach already keeps one pipeline per process (`bilan.coach.pipeline.get_pipeline`); the
suggestion engine shares it and switches off the coach's own components when it calls it.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

FRENCH_MODEL = "fr_core_news_sm"
# What lemmas and sentences need; everything else (NER, coach labellers) is switched off.
NEEDED = {
    "tok2vec",
    "morphologizer",
    "parser",
    "senter",
    "attribute_ruler",
    "lemmatizer",
    "coach_line_breaks",
}

_LOCK = threading.Lock()
_OWN: list[Language] = []


def get_nlp() -> Language:
    try:
        from bilan.coach.pipeline import get_pipeline
    except ImportError:  # pragma: no cover - the coach ships with Bilan
        return _own_pipeline()
    return get_pipeline("fr")


def _own_pipeline() -> Language:
    with _LOCK:
        if not _OWN:
            import spacy

            _OWN.append(spacy.load(FRENCH_MODEL, exclude=["ner"]))
    return _OWN[0]


def unneeded(nlp: Language, *, sentences: bool = True) -> list[str]:
    keep = NEEDED if sentences else NEEDED - {"parser", "senter", "coach_line_breaks"}
    return [name for name in nlp.pipe_names if name not in keep]
