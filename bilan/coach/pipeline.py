"""The spaCy pipelines, built once per process and language, on first use.

Nothing here touches spaCy at import time: importing :mod:`bilan.coach` stays cheap and a web
process that never calls the coach never loads a model.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.vectors import Vectors

FRENCH_MODEL = "fr_core_news_sm"
# Static word vectors for the learned labeller: the medium model's table (20,000 vectors of 300
# dimensions) on the small model's vocabulary. A sentence's mean vector lets the labeller treat
# words it never saw in its corpus like their neighbours in meaning; the small model's own
# components do not read static vectors, so they are unchanged by it.
FRENCH_VECTORS = "fr_core_news_md"

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
        except OSError as exc:
            raise _missing(FRENCH_MODEL) from exc
        nlp.vocab.vectors = _static_vectors(FRENCH_VECTORS)
        return nlp
    if language == "en":
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp
    raise ValueError(f"unsupported language: {language!r}")


def _missing(package: str) -> RuntimeError:
    return RuntimeError(
        f"The spaCy model {package} is missing: pip install {package.replace('_', '-')}"
    )


def _static_vectors(package: str) -> Vectors:
    """The word vectors of the installed spaCy model ``package``, read from its ``vocab``
    folder without loading any of its components."""
    from spacy.util import get_package_path
    from spacy.vectors import Vectors

    try:
        root = get_package_path(package)
    except (ImportError, OSError) as exc:
        raise _missing(package) from exc
    folder = next(iter(sorted(root.glob("*/vocab/vectors.cfg"))), None)
    if folder is None:
        raise _missing(package)
    return Vectors().from_disk(folder.parent)


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
