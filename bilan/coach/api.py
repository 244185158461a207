"""The coach's entry point: text in, :class:`~bilan.coach.results.Analysis` out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilan.coach.detect import detect_language
from bilan.coach.errors import TextTooLong
from bilan.coach.findings import compute_figures, document_findings, sentence_findings
from bilan.coach.lang import SUPPORTED_LANGUAGES, get_lexicon
from bilan.coach.pipeline import get_pipeline
from bilan.coach.results import Analysis, Sentence
from bilan.coach.rules import SentenceFeatures
from bilan.coach.textutil import clean, word_count

if TYPE_CHECKING:
    from spacy.tokens import Doc

# About 80 pages: far beyond a review, small enough to keep one request under a few seconds.
MAX_CHARS = 200_000


def analyse(text: str, *, language: str | None = None, max_chars: int = MAX_CHARS) -> Analysis:
    """Label each sentence of ``text`` and list findings on how to improve it.

    ``language`` is ``"fr"`` or ``"en"``; detected from the text when omitted. Offsets in the
    result index ``text`` itself, even when it holds control characters (those are blanked
    out, one for one, before parsing). Raises :class:`TextTooLong` beyond ``max_chars``.
    """
    check_input(text, language=language, max_chars=max_chars)
    cleaned = clean(text)
    lang = language or detect_language(cleaned)
    if not cleaned.strip():
        return Analysis(language=lang)
    return analysis_from_doc(text, get_pipeline(lang)(cleaned), language=lang)


def check_input(text: str, *, language: str | None, max_chars: int) -> None:
    """The argument checks :func:`analyse` and :func:`~bilan.coach.batch.analyse_many` share."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if len(text) > max_chars:
        raise TextTooLong(size=len(text), limit=max_chars)
    if language is not None and language not in SUPPORTED_LANGUAGES:
        raise ValueError(
            f"unsupported language: {language!r} (expected one of {SUPPORTED_LANGUAGES})"
        )


def analysis_from_doc(text: str, doc: Doc, *, language: str) -> Analysis:
    """Build the :class:`Analysis` of ``text`` from the coach pipeline's ``doc`` of it.

    ``doc`` is the parse of ``clean(text)`` (same length, so offsets index ``text``).
    """
    features: list[SentenceFeatures] = doc._.coach_features
    labels: list[frozenset[str]] = doc._.coach_labels
    lex = get_lexicon(language)
    figures = compute_figures(features, labels, word_count(doc.text))
    findings = sentence_findings(features, labels, lex)
    findings.extend(document_findings(features, labels, figures, lex))
    findings.sort(key=lambda finding: (finding.start, finding.end, finding.code))
    sentences = tuple(
        Sentence(
            start=feats.start,
            end=feats.end,
            text=text[feats.start : feats.end],
            labels=sentence_labels,
            is_heading=feats.is_heading,
        )
        for feats, sentence_labels in zip(features, labels, strict=True)
    )
    return Analysis(
        language=language, sentences=sentences, findings=tuple(findings), figures=figures
    )
