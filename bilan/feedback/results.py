"""What the intern reads: self vs tutor vs colleagues, answers, hidden skills, the export.

Anonymous answers are shown only together, never one by one, and only once at least
ANONYMOUS_MIN people answered anonymously.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from bilan.dossiers.models import Dossier
from bilan.skills.models import DossierSkill

from . import scales
from .models import Answer, Discovery, FeedbackRequest

ANONYMOUS_MIN = 3


@dataclass
class Quote:
    text: str
    author: str = ""


@dataclass
class SkillRow:
    skill: DossierSkill
    tutor: list[tuple[str, str]] = field(default_factory=list)
    colleagues: list[str] = field(default_factory=list)
    anonymous: int = 0
    situations: list[Quote] = field(default_factory=list)


@dataclass
class GridRow:
    label: str
    values: list[tuple[str, str]]


@dataclass
class AnonymousBlock:
    answered: int
    visible: bool
    strengths: list[tuple[str, int]] = field(default_factory=list)
    texts: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Results:
    named: list[Answer]
    tutors: list[Answer]
    colleagues: list[Answer]
    anonymous: AnonymousBlock
    skills: list[SkillRow]
    grid: list[GridRow]
    discoveries: list[Discovery]

    @property
    def empty(self) -> bool:
        return not self.named and not self.anonymous.answered


def _answers(dossier: Dossier) -> list[Answer]:
    return list(
        Answer.objects.filter(request__dossier=dossier)
        .select_related("request")
        .prefetch_related(Prefetch("strengths", queryset=DossierSkill.objects.only("id")))
        .order_by("request__relationship", "submitted_at", "id")
    )


def anonymous_visible(*, dossier: Dossier) -> bool:
    return (
        Answer.objects.filter(request__dossier=dossier, request__anonymous=True).count()
        >= ANONYMOUS_MIN
    )


def _grid_rows(tutors: list[Answer]) -> list[GridRow]:
    rows: dict[str, GridRow] = {}
    for answer in tutors:
        for item in answer.ratings:
            if item["key"].startswith("skill:"):
                continue
            row = rows.setdefault(item["key"], GridRow(label=item["label"], values=[]))
            row.values.append((answer.request.name, scales.label_of(item["value"])))
    return list(rows.values())


def feedback_results(*, dossier: Dossier) -> Results:
    answers = _answers(dossier)
    named = [a for a in answers if not a.request.anonymous]
    hidden = [a for a in answers if a.request.anonymous]
    block = AnonymousBlock(answered=len(hidden), visible=len(hidden) >= ANONYMOUS_MIN)
    shown = named + (hidden if block.visible else [])
    skills = list(DossierSkill.objects.filter(dossier=dossier).select_related("skill"))
    rows = {item.pk: SkillRow(skill=item) for item in skills}
    for answer in shown:
        values = answer.rating_values()
        for item in skills:
            if values.get(f"skill:{item.pk}") and not answer.request.anonymous:
                label = scales.label_of(values[f"skill:{item.pk}"])
                rows[item.pk].tutor.append((answer.request.name, label))
        for strength in answer.strengths.all():
            row = rows.get(strength.pk)
            if row is None:
                continue
            if answer.request.anonymous:
                row.anonymous += 1
            else:
                row.colleagues.append(answer.request.name)
                if answer.situation:
                    row.situations.append(Quote(answer.situation, answer.request.name))
    if block.visible:
        counts: Counter[str] = Counter()
        for answer in hidden:
            counts.update(rows[s.pk].skill.label for s in answer.strengths.all() if s.pk in rows)
            for name, text in answer.texts():
                block.texts.setdefault(name, []).append(text)
        block.strengths = counts.most_common()
        # Sorted, not in answer order, so texts cannot be lined up with one another.
        block.texts = {name: sorted(texts) for name, texts in block.texts.items()}
    discoveries = list(
        Discovery.objects.filter(
            answer__in=[a.pk for a in shown], status=Discovery.Status.PENDING
        ).select_related("answer__request")
    )
    tutors = [a for a in named if a.request.is_tutor]
    return Results(
        named=named,
        tutors=tutors,
        colleagues=[a for a in named if not a.request.is_tutor],
        anonymous=block,
        skills=list(rows.values()),
        grid=_grid_rows(tutors),
        discoveries=discoveries,
    )


def _answer_data(answer: Answer, *, named: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "strengths": [s.label for s in answer.strengths.all()],
        **{
            name: getattr(answer, name)
            for name in ("strengths_other", "improve", "situation", "developed", "comment")
        },
        "ratings": [
            {"criterion": item["label"], "value": scales.label_of(item["value"])}
            for item in answer.ratings
        ],
        "host_again": answer.host_again,
        "offers_recommendation": answer.offers_recommendation,
    }
    if named:
        data = {
            "name": answer.request.name,
            "email": answer.request.email,
            "relationship": answer.request.relationship,
            "submitted_at": answer.submitted_at.isoformat(),
            "updated_at": answer.updated_at.isoformat(),
            **data,
        }
    return data


def feedback_export(*, dossier: Dossier) -> dict[str, Any]:
    """Everything the dossier holds about feedback, as JSON (RGPD right of access)."""
    answers = list(
        Answer.objects.filter(request__dossier=dossier)
        .select_related("request")
        .prefetch_related(
            Prefetch("strengths", queryset=DossierSkill.objects.select_related("skill"))
        )
        .order_by("submitted_at", "id")
    )
    anonymous = [a for a in answers if a.request.anonymous]
    visible = len(anonymous) >= ANONYMOUS_MIN
    requests = FeedbackRequest.objects.filter(dossier=dossier).order_by("created_at", "id")
    return {
        "dossier": {"id": dossier.pk, "organisation": dossier.organisation},
        "exported_at": timezone.now().isoformat(),
        "requests": [
            {
                "name": r.name,
                "email": r.email,
                "relationship": r.relationship,
                "language": r.language,
                "anonymous": r.anonymous,
                "status": r.status,
                "created_at": r.created_at.isoformat(),
            }
            for r in requests
        ],
        "answers": [_answer_data(a, named=True) for a in answers if not a.request.anonymous],
        "anonymous_answers": {
            "count": len(anonymous),
            "answers": sorted(
                (_answer_data(a, named=False) for a in anonymous) if visible else [],
                key=lambda item: item["situation"],
            ),
        },
    }
