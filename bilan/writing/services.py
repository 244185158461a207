"""The coach (a pure-Python package) applied to what the intern writes in the web app."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from bilan.coach import Analysis, Finding, TextTooLong, analyse
from bilan.dossiers.models import Dossier

# Below this share of reflective sentences, the text mostly describes (an error to avoid).
MIN_REFLECTIVE_PERCENT = 20


@dataclass(frozen=True)
class Segment:
    """A stretch of the text, with the labels and findings of the sentence it belongs to."""

    text: str
    labels: frozenset[str] = frozenset()
    finding_numbers: tuple[int, ...] = ()


@dataclass
class Review:
    analysis: Analysis | None
    segments: list[Segment] = field(default_factory=list)
    error: str = ""

    @property
    def sentence_findings(self) -> list[tuple[int, Finding]]:
        if self.analysis is None:
            return []
        return [
            (number, finding)
            for number, finding in enumerate(self.analysis.findings, start=1)
            if finding.scope == "sentence"
        ]

    @property
    def document_findings(self) -> list[Finding]:
        if self.analysis is None:
            return []
        return [finding for finding in self.analysis.findings if finding.scope == "document"]


def _max_chars() -> int:
    return int(settings.BILAN_COACH_MAX_CHARS)


def text_review(*, text: str, language: str | None = None) -> Review:
    """Analyse a text and cut it into segments the template can highlight."""
    try:
        analysis = analyse(text, language=language, max_chars=_max_chars())
    except TextTooLong as error:
        return Review(analysis=None, error=str(error))
    segments: list[Segment] = []
    cursor = 0
    numbered = list(enumerate(analysis.findings, start=1))
    for sentence in analysis.sentences:
        if sentence.start > cursor:
            segments.append(Segment(text=text[cursor : sentence.start]))
        numbers = tuple(
            number
            for number, finding in numbered
            if finding.scope == "sentence" and sentence.start <= finding.start < sentence.end
        )
        segments.append(
            Segment(
                text=text[sentence.start : sentence.end],
                labels=sentence.labels,
                finding_numbers=numbers,
            )
        )
        cursor = sentence.end
    if cursor < len(text):
        segments.append(Segment(text=text[cursor:]))
    return Review(analysis=analysis, segments=segments)


@dataclass(frozen=True)
class SourceText:
    label: str
    url: str
    text: str


@dataclass
class SourceFinding:
    source: SourceText
    finding: Finding
    excerpt: str


@dataclass
class Readiness:
    sentences: int = 0
    label_counts: Counter[str] = field(default_factory=Counter)
    findings: list[SourceFinding] = field(default_factory=list)
    sources: int = 0
    truncated: bool = False

    def share(self, label: str) -> int:
        return round(100 * self.label_counts[label] / self.sentences) if self.sentences else 0

    @property
    def checks(self) -> list[tuple[str, bool, str]]:
        """The four errors to avoid, each as (key, ok, figure)."""
        return [
            ("vague", self.label_counts["vague"] == 0, str(self.label_counts["vague"])),
            (
                "descriptive",
                self.share("reflective") >= MIN_REFLECTIVE_PERCENT,
                f"{self.share('reflective')} %",
            ),
            (
                "difficulties",
                self.label_counts["difficulty"] > 0,
                str(self.label_counts["difficulty"]),
            ),
            ("tone", self.label_counts["tone"] == 0, str(self.label_counts["tone"])),
        ]


MAX_JOURNAL_ENTRIES = 200


def dossier_texts(*, dossier: Dossier) -> tuple[list[SourceText], bool]:
    """What the intern has written so far, newest journal entries first, within a budget."""
    texts: list[SourceText] = []
    objectives_url = reverse("dossiers:objectives", args=[dossier.pk])
    for objective in dossier.objectives.all():
        for text in (objective.actual, objective.contribution, objective.reason):
            if text.strip():
                texts.append(SourceText(objective.title[:80], objectives_url, text))
    weeks_url = reverse("dossiers:weeks", args=[dossier.pk])
    for text in (dossier.first_week_note, dossier.mastered_now):
        if text.strip():
            texts.append(SourceText(str(_("Première / dernière semaine")), weeks_url, text))
    journal = list(dossier.journal_entries.all()[: MAX_JOURNAL_ENTRIES + 1])
    for entry in journal[:MAX_JOURNAL_ENTRIES]:
        url = reverse("dossiers:journal_edit", args=[dossier.pk, entry.pk])
        texts.append(SourceText(str(_("Journal")), url, entry.text))
    return texts, len(journal) > MAX_JOURNAL_ENTRIES


def dossier_readiness(*, dossier: Dossier) -> Readiness:
    texts, truncated = dossier_texts(dossier=dossier)
    readiness = Readiness(sources=len(texts), truncated=truncated)
    for source in texts:
        review = text_review(text=source.text)
        if review.analysis is None:
            continue
        readiness.sentences += len(review.analysis.sentences)
        for sentence in review.analysis.sentences:
            readiness.label_counts.update(sentence.labels)
        for _number, finding in review.sentence_findings:
            excerpt = source.text[finding.start : finding.end][:160]
            readiness.findings.append(SourceFinding(source, finding, excerpt))
    return readiness
