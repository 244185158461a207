"""What :func:`bilan.coach.analyse` returns: plain frozen dataclasses, JSON-ready."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

LABELS: tuple[str, ...] = ("vague", "reflective", "descriptive", "difficulty", "solution", "tone")
# Below this confidence a sentence is shown as uncertain (see bilan.coach.model).
UNCERTAIN_BELOW = 0.25


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    labels: frozenset[str] = frozenset()
    is_heading: bool = False
    # Prose is what gets labels and counts in shares; headings and verbless list items do not.
    prose: bool = True
    # How far the least certain label is from its decision threshold (0 = on it, 1 = far).
    confidence: float = 1.0

    @property
    def uncertain(self) -> bool:
        """Too close to call for at least one label: shown as uncertain, not asserted."""
        return self.prose and self.confidence < UNCERTAIN_BELOW

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "labels": [label for label in LABELS if label in self.labels],
            "is_heading": self.is_heading,
            "prose": self.prose,
            "confidence": self.confidence,
            "uncertain": self.uncertain,
        }


@dataclass(frozen=True)
class Finding:
    """One piece of advice, anchored on ``text[start:end]``.

    ``scope`` is ``"sentence"`` for advice about one sentence or word and ``"document"`` for
    advice about the text as a whole (still anchored on the most relevant span).
    """

    code: str
    start: int
    end: int
    message: str
    suggestion: str
    scope: str = "sentence"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Figures:
    word_count: int = 0
    sentence_count: int = 0
    page_estimate: float = 0.0
    reflective_share: float = 0.0
    descriptive_share: float = 0.0
    label_counts: dict[str, int] = field(default_factory=dict)
    transversal_skills: tuple[str, ...] = ()
    progress_axes: int = 0
    has_future: bool = False
    is_document: bool = False

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["transversal_skills"] = list(self.transversal_skills)
        return data


@dataclass(frozen=True)
class Analysis:
    language: str
    sentences: tuple[Sentence, ...] = ()
    findings: tuple[Finding, ...] = ()
    figures: Figures = field(default_factory=Figures)

    @property
    def word_count(self) -> int:
        return self.figures.word_count

    @property
    def reflective_share(self) -> float:
        return self.figures.reflective_share

    def labels(self) -> frozenset[str]:
        """Union of the labels of all sentences."""
        out: set[str] = set()
        for sentence in self.sentences:
            out |= sentence.labels
        return frozenset(out)

    def findings_for(self, code: str) -> list[Finding]:
        return [finding for finding in self.findings if finding.code == code]

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "figures": self.figures.to_dict(),
            "sentences": [sentence.to_dict() for sentence in self.sentences],
            "findings": [finding.to_dict() for finding in self.findings],
        }
