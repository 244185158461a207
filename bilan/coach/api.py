"""The coach's entry point: text in, :class:`~bilan.coach.results.Analysis` out."""

from __future__ import annotations

from bilan.coach.detect import detect_language
from bilan.coach.errors import TextTooLong
from bilan.coach.findings import compute_figures, document_findings, sentence_findings
from bilan.coach.lang import SUPPORTED_LANGUAGES, get_lexicon
from bilan.coach.pipeline import get_pipeline
from bilan.coach.results import Analysis, Sentence
from bilan.coach.rules import SentenceFeatures
from bilan.coach.textutil import clean, word_count

# About 80 pages: far beyond a review, small enough to keep one request under a few seconds.
MAX_CHARS = 200_000


def analyse(text: str, *, language: str | None = None, max_chars: int = MAX_CHARS) -> Analysis:
    """Label each sentence of ``text`` and list findings on how to improve it.

    ``language`` is ``"fr"`` or ``"en"``; detected from the text when omitted. Offsets in the
    result index ``text`` itself, even when it holds control characters (those are blanked
    out, one for one, before parsing). Raises :class:`TextTooLong` beyond ``max_chars``.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if len(text) > max_chars:
        raise TextTooLong(size=len(text), limit=max_chars)
    if language is not None and language not in SUPPORTED_LANGUAGES:
        raise ValueError(
            f"unsupported language: {language!r} (expected one of {SUPPORTED_LANGUAGES})"
        )
    cleaned = clean(text)
    lang = language or detect_language(cleaned)
    if not cleaned.strip():
        return Analysis(language=lang)

    doc = get_pipeline(lang)(cleaned)
    features: list[SentenceFeatures] = doc._.coach_features
    labels: list[frozenset[str]] = doc._.coach_labels
    lex = get_lexicon(lang)
    figures = compute_figures(features, labels, word_count(cleaned))
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
    return Analysis(language=lang, sentences=sentences, findings=tuple(findings), figures=figures)
