"""The coach (a pure-Python package) applied to what the intern writes in the web app."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import ngettext

from bilan.coach import Analysis, Finding, TextTooLong, analyse
from bilan.dossiers.models import Dossier
from bilan.dossiers.services import dossier_texts_changed

from .models import CoachResult
from .texts import GROUPS, TextSource, dossier_sources
from .verdicts import coach_version, content_hash, verdicts_refresh_state

# Below this share of reflective sentences, the text mostly describes (an error to avoid).
MIN_REFLECTIVE_PERCENT = 20


@dataclass(frozen=True)
class Segment:
    """A stretch of the text, with the labels and findings of the sentence it belongs to."""

    text: str
    labels: frozenset[str] = frozenset()
    finding_numbers: tuple[int, ...] = ()
    # The coach's model is unsure of this sentence's labels: shown as such, not asserted.
    uncertain: bool = False


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
                uncertain=sentence.uncertain,
            )
        )
        cursor = sentence.end
    if cursor < len(text):
        segments.append(Segment(text=text[cursor:]))
    return Review(analysis=analysis, segments=segments)


@dataclass
class SourceFinding:
    source: TextSource
    finding: Finding
    excerpt: str


@dataclass
class Tally:
    """Sentences and labels of some texts; shares are over prose sentences only."""

    texts: int = 0
    analysed: int = 0
    sentences: int = 0
    prose: int = 0
    uncertain: int = 0
    label_counts: Counter[str] = field(default_factory=Counter)
    prose_counts: Counter[str] = field(default_factory=Counter)

    def add(self, counts: dict[str, Any]) -> None:
        self.analysed += 1
        self.sentences += int(counts.get("sentences", 0))
        self.prose += int(counts.get("prose_sentences", 0))
        self.uncertain += int(counts.get("uncertain", 0))
        self.label_counts.update(counts.get("labels", {}))
        self.prose_counts.update(counts.get("prose_labels", {}))

    def share(self, label: str) -> int:
        return round(100 * self.prose_counts[label] / self.prose) if self.prose else 0

    def share_text(self, label: str) -> str:
        return ngettext(
            "%(share)d %% (sur %(n)d phrase)", "%(share)d %% (sur %(n)d phrases)", self.prose
        ) % {"share": self.share(label), "n": self.prose}

    @property
    def share_text_reflective(self) -> str:
        return self.share_text("reflective")


@dataclass
class GroupReadiness(Tally):
    key: str = ""
    label: str = ""


@dataclass
class Readiness(Tally):
    groups: list[GroupReadiness] = field(default_factory=list)
    findings: list[SourceFinding] = field(default_factory=list)
    too_long: list[TextSource] = field(default_factory=list)
    # The last refresh failed: say so instead of polling for results that will not come.
    failed: bool = False

    @property
    def sources(self) -> int:
        return self.texts

    @property
    def pending(self) -> int:
        return self.texts - self.analysed

    @property
    def checks(self) -> list[tuple[str, bool, str]]:
        """The four errors to avoid, each as (key, ok, figure)."""
        return [
            ("vague", self.label_counts["vague"] == 0, str(self.label_counts["vague"])),
            (
                "descriptive",
                self.share("reflective") >= MIN_REFLECTIVE_PERCENT,
                self.share_text("reflective"),
            ),
            (
                "difficulties",
                self.label_counts["difficulty"] > 0,
                str(self.label_counts["difficulty"]),
            ),
            ("tone", self.label_counts["tone"] == 0, str(self.label_counts["tone"])),
        ]


def dossier_readiness(*, dossier: Dossier) -> Readiness:
    """The coach's stored verdicts on every text of the dossier, group by group.

    Never runs the coach: texts without a current result count as pending, and a refresh is
    queued for them if none waits (results from before this feature, or a lost job).
    """
    version = coach_version()
    sources = dossier_sources(dossier=dossier)
    # Only the parts the panel reads: decoding the sentences of hundreds of texts costs more
    # than the rest of the request.
    rows = CoachResult.objects.filter(dossier=dossier).values_list(
        "source",
        "object_id",
        "field",
        "content_hash",
        "coach_version",
        "analysis__counts",
        "analysis__findings",
        "analysis__too_long",
    )
    results = {(row[0], row[1], row[2]): row[3:] for row in rows}
    groups = {key: GroupReadiness(key=key, label=str(label)) for key, label in GROUPS}
    readiness = Readiness(texts=len(sources))
    for source in sources:
        group = groups[source.group]
        group.texts += 1
        stored = results.get(source.key)
        if stored is None or stored[:2] != (content_hash(source.text), version):
            continue
        counts, findings, too_long = stored[2:]
        group.add(counts or {})
        readiness.add(counts or {})
        if too_long:
            readiness.too_long.append(source)
        for data in findings or []:
            if data.get("scope") == "sentence":
                finding = Finding(**data)
                excerpt = source.text[finding.start : finding.end][:160]
                readiness.findings.append(SourceFinding(source, finding, excerpt))
    readiness.groups = [group for group in groups.values() if group.texts]
    if readiness.pending:
        state = verdicts_refresh_state(dossier_id=dossier.pk)
        readiness.failed = state == "failed"
        if not state:
            dossier_texts_changed(dossier_id=dossier.pk)
    return readiness
