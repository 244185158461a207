"""The coach on the whole synthesis, told what the app already knows about it.

The coach reads free text and guesses the structure (headings, "mes axes de progrès", a question
about the future). The synthesis is not free text: Bilan wrote its sections from the dossier and
knows which are filled, which axes and ambition the dossier holds, which difficulty has its
solution. Its document-level findings are checked against those facts, so the coach never
contradicts the draft the app wrote. The coach package itself is not changed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace

from django.utils import translation
from django.utils.translation import gettext as _

from bilan.coach import Analysis, Finding
from bilan.documents.markup import parse_markdown
from bilan.documents.model import TRAME, TRAME_HEADINGS, BulletList, Paragraph
from bilan.dossiers.models import Dossier
from bilan.skills import services as skills
from bilan.writing.services import Review, Segment, text_review

# Two axes and one transversal skill short of the checklist are what the coach counts.
MIN_AXES = 2
MIN_TRANSVERSAL = 2


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    section: str


@dataclass
class SynthesisText:
    """The synthesis as plain text (no Markdown markers), with where each part lies."""

    text: str
    headings: list[Span] = field(default_factory=list)
    blocks: list[Span] = field(default_factory=list)
    filled: set[str] = field(default_factory=set)

    def block_at(self, offset: int) -> Span | None:
        return next((b for b in self.blocks if b.start <= offset < b.end), None)

    def section_text(self, key: str) -> str:
        return "\n".join(self.text[b.start : b.end] for b in self.blocks if b.section == key)


def synthesis_text(*, sections: dict[str, str], language: str) -> SynthesisText:
    headings = TRAME_HEADINGS["en" if language == "en" else "fr"]
    out = SynthesisText(text="")
    parts: list[str] = []
    cursor = 0

    def add(piece: str) -> tuple[int, int]:
        nonlocal cursor
        if parts:
            parts.append("\n\n")
            cursor += 2
        start = cursor
        parts.append(piece)
        cursor += len(piece)
        return start, cursor

    for key in TRAME:
        start, end = add(headings[key])
        out.headings.append(Span(start, end, key))
        for block in parse_markdown(sections.get(key, "")):
            pieces = [block.text] if isinstance(block, Paragraph) else block.texts
            marker = "" if isinstance(block, Paragraph) else "- "
            if isinstance(block, BulletList) and block.ordered:
                marker = ""
            for piece in pieces:
                if not piece.strip():
                    continue
                start, end = add(marker + " ".join(piece.split()))
                out.blocks.append(Span(start, end, key))
                out.filled.add(key)
    out.text = "".join(parts)
    return out


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").casefold()
    return " ".join(text.split())


@dataclass
class Facts:
    """What the dossier holds that the synthesis shows (only what the text really contains)."""

    axes: int
    ambition: bool
    transversal: int
    solutions: list[str]


def dossier_facts(*, dossier: Dossier, text: SynthesisText) -> Facts:
    body = _norm(text.text)
    axes = [a.text for a in dossier.progress_axes.all()]
    feelings = skills.feelings_get(dossier=dossier)
    outlook = _norm(text.section_text("ouverture"))
    shown_axes = sum(1 for axis in axes if _norm(axis) and _norm(axis) in outlook)
    ambition = bool(feelings.applications.strip()) and _norm(feelings.applications)[:60] in body
    # Anything in the outlook beyond the axes list is the intern looking ahead.
    others = [
        line
        for line in text.section_text("ouverture").splitlines()
        if line.strip() and not any(_norm(axis) in _norm(line) for axis in axes)
    ]
    heading = _norm(_("Mes axes de progrès :"))
    others = [line for line in others if _norm(line) != heading]
    overview = skills.skills_overview(dossier=dossier)
    skills_text = _norm(text.section_text("competences"))
    transversal = sum(
        1
        for group in overview.groups
        for item in group.skills
        if item.family == "transversal" and _norm(item.label) in skills_text
    )
    difficulties = skills.highlights_for_dossier(dossier=dossier).get("difficulty", [])
    solutions = [_norm(d.solution) for d in difficulties if d.solution.strip()]
    # A changed or dropped objective is drafted with its reason, which says what was done
    # instead: that paragraph answers its own obstacle.
    solutions += [
        _norm(objective.reason)
        for objective in dossier.objectives.filter(status__in=["changed", "dropped"])
        if objective.reason.strip()
    ]
    return Facts(
        axes=shown_axes,
        ambition=ambition or bool(others),
        transversal=transversal,
        solutions=solutions,
    )


@dataclass
class SynthesisReview:
    review: Review
    segments: list[tuple[Segment, bool]]  # (segment, is a heading)
    sentence_findings: list[tuple[int, Finding, str]]  # (number, finding, the words it is about)
    document_findings: list[Finding]
    notes: list[str]

    @property
    def error(self) -> str:
        return self.review.error

    @property
    def analysis(self) -> Analysis | None:
        return self.review.analysis


def _keep_document_finding(finding: Finding, facts: Facts, text: SynthesisText) -> bool:
    if finding.code == "few_progress_axes":
        return facts.axes < MIN_AXES
    if finding.code == "no_future":
        return not facts.ambition
    if finding.code == "no_difficulty":
        return "difficultes" not in text.filled
    if finding.code == "few_transversal_skills":
        return facts.transversal < MIN_TRANSVERSAL
    # The app knows its sections: an empty one is reported below, from the structure.
    return finding.code != "missing_section"


def _keep_sentence_finding(finding: Finding, facts: Facts, text: SynthesisText) -> bool:
    """A difficulty left without its solution is a fact of the "Difficultés" section, which the
    app wrote from the dossier's difficulties and their solutions: the coach's guess counts
    there only, and not where the paragraph already holds a known solution. Elsewhere (an
    objective's outcome in "Déroulement", say) the structure says it is not a difficulty."""
    if finding.code != "difficulty_without_solution":
        return True
    block = text.block_at(finding.start)
    if block is None:
        return True
    if block.section != "difficultes":
        return False
    paragraph = _norm(text.text[block.start : block.end])
    return not any(solution[:80] in paragraph for solution in facts.solutions)


def _excerpt(text: str, finding: Finding, limit: int = 160) -> str:
    """The words a finding is about, so it reads without opening the whole text."""
    words = " ".join(text[finding.start : finding.end].split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def _with_dossier_count(finding: Finding, facts: Facts) -> Finding:
    """The count the reader sees is the dossier's, not the coach's guess from the wording."""
    if finding.code != "few_progress_axes":
        return finding
    message = _(
        "Axes de progrès dans la synthèse : %(n)d ; la checklist en demande au moins %(min)d."
    ) % {"n": facts.axes, "min": MIN_AXES}
    return replace(finding, message=message)


def synthesis_review(*, dossier: Dossier, sections: dict[str, str]) -> SynthesisReview:
    """Review the synthesis with its structure and the dossier's facts in hand."""
    language = "en" if dossier.language == "en" else "fr"
    structured = synthesis_text(sections=sections, language=language)
    review = text_review(text=structured.text, language=language)
    if review.analysis is None:
        return SynthesisReview(review, [], [], [], [])
    with translation.override(language):
        facts = dossier_facts(dossier=dossier, text=structured)
        kept = [
            (number, finding)
            for number, finding in review.sentence_findings
            if _keep_sentence_finding(finding, facts, structured)
        ]
        renumber = {old: new for new, (old, _finding) in enumerate(kept, start=1)}
        heading_spans = {(h.start, h.end) for h in structured.headings}
        segments = []
        for segment in review.segments:
            numbers = tuple(renumber[n] for n in segment.finding_numbers if n in renumber)
            stripped = segment.text.strip()
            is_heading = any(structured.text[start:end] == stripped for start, end in heading_spans)
            segments.append(
                (
                    Segment(
                        text=segment.text,
                        labels=segment.labels,
                        finding_numbers=numbers,
                        uncertain=segment.uncertain,
                    ),
                    is_heading,
                )
            )
        document = [
            _with_dossier_count(finding, facts)
            for finding in review.document_findings
            if _keep_document_finding(finding, facts, structured)
        ]
        headings = TRAME_HEADINGS["en" if language == "en" else "fr"]
        notes = [
            _("La partie « %(section)s » est vide.") % {"section": headings[key]}
            for key in TRAME
            if key not in structured.filled
        ]
    return SynthesisReview(
        review=review,
        segments=segments,
        sentence_findings=[
            (renumber[old], finding, _excerpt(structured.text, finding)) for old, finding in kept
        ],
        document_findings=document,
        notes=notes,
    )
