"""Many texts at once: one ``nlp.pipe`` pass per language instead of one call per text."""

from __future__ import annotations

from collections.abc import Sequence

from bilan.coach.api import MAX_CHARS, analysis_from_doc, check_input
from bilan.coach.detect import detect_language
from bilan.coach.pipeline import get_pipeline
from bilan.coach.results import Analysis
from bilan.coach.textutil import clean

# Texts per spaCy batch: journal entries are short, larger batches gain nothing more.
BATCH_SIZE = 64


def analyse_many(
    texts: Sequence[str], *, language: str | None = None, max_chars: int | None = None
) -> list[Analysis]:
    """``[analyse(text) for text in texts]``, but parsed with ``nlp.pipe``; same results.

    Each text's language is detected on its own (unless ``language`` is given); texts are
    grouped by language and each group goes through its pipeline in one pass. Raises
    :class:`~bilan.coach.errors.TextTooLong` if any text is beyond ``max_chars``, before
    parsing anything.
    """
    limit = MAX_CHARS if max_chars is None else max_chars
    for text in texts:
        check_input(text, language=language, max_chars=limit)
    results: list[Analysis | None] = [None] * len(texts)
    groups: dict[str, list[tuple[int, str]]] = {}
    for index, text in enumerate(texts):
        cleaned = clean(text)
        lang = language or detect_language(cleaned)
        if cleaned.strip():
            groups.setdefault(lang, []).append((index, cleaned))
        else:
            results[index] = Analysis(language=lang)
    for lang, items in groups.items():
        docs = get_pipeline(lang).pipe((cleaned for _, cleaned in items), batch_size=BATCH_SIZE)
        for (index, _cleaned), doc in zip(items, docs, strict=True):
            results[index] = analysis_from_doc(texts[index], doc, language=lang)
    return [result for result in results if result is not None]
