"""The coach's entry points: text in, :class:`~bilan.coach.results.Analysis` out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bilan.coach.detect import detect_language
from bilan.coach.errors import TextTooLong
from bilan.coach.findings import compute_figures, document_findings, sentence_findings
from bilan.coach.lang import SUPPORTED_LANGUAGES, get_lexicon
from bilan.coach.pipeline import get_pipeline
from bilan.coach.results import Analysis, Sentence
from bilan.coach.rules import SentenceFeatures
from bilan.coach.structure import strip_markup
from bilan.coach.textutil import clean, word_count

if TYPE_CHECKING:
    from spacy.tokens import Doc

# About 80 pages: far beyond a review, small enough to keep one request under a few seconds.
MAX_CHARS = 200_000
# Texts handed to spaCy's nlp.pipe at once by analyse_many.
BATCH_SIZE = 64


def _check(text: str, language: str | None, max_chars: int) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if len(text) > max_chars:
        raise TextTooLong(size=len(text), limit=max_chars)
    if language is not None and language not in SUPPORTED_LANGUAGES:
        raise ValueError(
            f"unsupported language: {language!r} (expected one of {SUPPORTED_LANGUAGES})"
        )


def _prepare(text: str) -> str:
    """Control characters and Markdown markup blanked out, offsets unchanged."""
    return strip_markup(clean(text))


def analysis_from_doc(text: str, prepared: str, doc: Doc, language: str) -> Analysis:
    """Build the result for ``text`` from its parsed, labelled ``doc`` (of ``prepared``)."""
    features: list[SentenceFeatures] = doc._.coach_features
    labels: list[frozenset[str]] = doc._.coach_labels
    rule_labels: list[frozenset[str]] = doc._.coach_rule_labels
    prose: list[bool] = doc._.coach_prose
    confidence: list[float] = doc._.coach_confidence
    margins: list[dict[str, float]] = doc._.coach_margins
    lex = get_lexicon(language)
    figures = compute_figures(features, labels, prose, word_count(prepared))
    findings = sentence_findings(features, labels, rule_labels, margins, lex)
    findings.extend(document_findings(features, labels, prose, figures, lex))
    findings.sort(key=lambda finding: (finding.start, finding.end, finding.code))
    sentences = tuple(
        Sentence(
            start=feats.start,
            end=feats.end,
            text=text[feats.start : feats.end],
            labels=sentence_labels,
            is_heading=feats.is_heading,
            prose=is_prose,
            confidence=sentence_confidence,
        )
        for feats, sentence_labels, is_prose, sentence_confidence in zip(
            features, labels, prose, confidence, strict=True
        )
    )
    return Analysis(
        language=language, sentences=sentences, findings=tuple(findings), figures=figures
    )


def analyse(text: str, *, language: str | None = None, max_chars: int = MAX_CHARS) -> Analysis:
    """Label each sentence of ``text`` and list findings on how to improve it.

    ``language`` is ``"fr"`` or ``"en"``; detected from the text when omitted. Offsets in the
    result index ``text`` itself, even when it holds control characters or Markdown markup
    (those are blanked out, one for one, before parsing). Raises :class:`TextTooLong` beyond
    ``max_chars``.
    """
    _check(text, language, max_chars)
    prepared = _prepare(text)
    lang = language or detect_language(prepared)
    if not prepared.strip():
        return Analysis(language=lang)
    return analysis_from_doc(text, prepared, get_pipeline(lang)(prepared), lang)


def analyse_many(
    texts: Sequence[str], *, language: str | None = None, max_chars: int | None = None
) -> list[Analysis]:
    """:func:`analyse` for many texts at once, in the same order, batched through ``nlp.pipe``.

    Texts are grouped by language (detected per text unless ``language`` is given), so each
    group runs through one pipeline. Raises :class:`TextTooLong` if any text is too long,
    before any work is done.
    """
    for text in texts:
        _check(text, language, MAX_CHARS if max_chars is None else max_chars)
    prepared = [_prepare(text) for text in texts]
    languages = [language or detect_language(item) for item in prepared]
    results: list[Analysis | None] = [None] * len(texts)
    for lang in dict.fromkeys(languages):
        indexes = [i for i, item in enumerate(prepared) if languages[i] == lang and item.strip()]
        docs = get_pipeline(lang).pipe((prepared[i] for i in indexes), batch_size=BATCH_SIZE)
        for i, doc in zip(indexes, docs, strict=True):
            results[i] = analysis_from_doc(texts[i], prepared[i], doc, lang)
    return [
        result if result is not None else Analysis(language=languages[i])
        for i, result in enumerate(results)
    ]
