"""The spaCy pipelines, built once per process and language, on first use.

Nothing here touches spaCy at import time: importing :mod:`bilan.coach` stays cheap and a web
process that never calls the coach never loads a model.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

FRENCH_MODEL = "fr_core_news_sm"

_LOCK = threading.Lock()
_PIPELINES: dict[str, Language] = {}


# The coach reads tags, lemmas and sentence starts: the trained sentence recogniser replaces
# the parser and named entities are not needed, which makes the pipeline about 3x faster.
FRENCH_EXCLUDE = ("parser", "ner")


def load_base_model(language: str, *, full: bool = False) -> Language:
    """The spaCy pipeline the coach builds on; ``full=True`` gives the model's default pipeline
    (what the benchmark compares with)."""
    import spacy

    if language == "fr":
        try:
            if full:
                return spacy.load(FRENCH_MODEL)
            nlp = spacy.load(FRENCH_MODEL, exclude=list(FRENCH_EXCLUDE))
            nlp.enable_pipe("senter")
            return nlp
        except OSError as exc:
            raise RuntimeError(
                f"The French spaCy model is missing: pip install {FRENCH_MODEL.replace('_', '-')}"
            ) from exc
    if language == "en":
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp
    raise ValueError(f"unsupported language: {language!r}")


def _build(language: str) -> Language:
    import bilan.coach.components  # noqa: F401  (registers the factories)

    nlp = load_base_model(language)
    splitter = next(name for name in ("parser", "senter", "sentencizer") if name in nlp.pipe_names)
    # The parser keeps boundaries set before it; the sentence recogniser overwrites them, so
    # line breaks are added after it.
    if splitter == "senter":
        nlp.add_pipe("coach_line_breaks", after=splitter)
    else:
        nlp.add_pipe("coach_line_breaks", before=splitter)
    nlp.add_pipe("coach_features", config={"language": language})
    nlp.add_pipe("coach_labeller", config={"language": language})
    return nlp


def get_pipeline(language: str) -> Language:
    """The coach pipeline for ``language``, loaded once and shared by all threads."""
    nlp = _PIPELINES.get(language)
    if nlp is not None:
        return nlp
    with _LOCK:
        nlp = _PIPELINES.get(language)
        if nlp is None:
            nlp = _build(language)
            _PIPELINES[language] = nlp
    return nlp


def is_loaded(language: str) -> bool:
    return language in _PIPELINES
