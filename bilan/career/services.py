"""Workflows after the internship: CV lines, stories, "à propos", JSON Resume, the letter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from bilan.core.edits import edit_claim
from bilan.core.ordering import position_move
from bilan.dossiers.models import Dossier
from bilan.meeting.proposals import tutor_offers_recommendation
from bilan.meeting.services import tutor_contact
from bilan.skills.models import DossierSkill, Example, Family, Feelings

from . import drafting
from .models import CvLine, Profile

MAX_LINES = 40


def _intern(dossier: Dossier) -> str:
    return dossier.owner.get_full_name() or dossier.owner.email


def _examples(dossier: Dossier) -> list[Example]:
    return list(Example.objects.filter(dossier=dossier))


# --- CV lines --------------------------------------------------------------------------------


def cv_lines(*, dossier: Dossier) -> list[CvLine]:
    return list(CvLine.objects.filter(dossier=dossier))


def cv_lines_propose(*, dossier: Dossier) -> list[drafting.CvLineDraft]:
    """One draft per example with an action or a result, except examples already used."""
    used = set(
        CvLine.objects.filter(dossier=dossier, example__isnull=False).values_list(
            "example_id", flat=True
        )
    )
    return [
        drafting.cv_line_draft(example)
        for example in _examples(dossier)
        if example.pk not in used and (example.action.strip() or example.result.strip())
    ]


@transaction.atomic
def cv_line_add(*, dossier: Dossier, text: str, example: Example | None = None) -> CvLine:
    if example is not None and example.dossier_id != dossier.pk:
        raise ValidationError(_("Exemple d'un autre dossier."))
    if CvLine.objects.filter(dossier=dossier).count() >= MAX_LINES:
        raise ValidationError(
            _("Vous avez déjà %(limit)d lignes : gardez les plus fortes.") % {"limit": MAX_LINES}
        )
    last = CvLine.objects.filter(dossier=dossier).aggregate(m=Max("position"))["m"]
    line = CvLine(
        dossier=dossier,
        example=example,
        text=text.strip(),
        position=0 if last is None else last + 1,
    )
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def cv_line_update(*, line: CvLine, text: str, version: str | None = None) -> CvLine:
    edit_claim(instance=line, version=version, fields=("text",))
    line.text = text.strip()
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def cv_line_move(*, line: CvLine, offset: int) -> None:
    position_move(
        item=line,
        siblings=CvLine.objects.filter(dossier_id=line.dossier_id),
        offset=offset,
    )


@transaction.atomic
def cv_line_delete(*, line: CvLine) -> None:
    line.delete()


# --- Stories and "à propos" ------------------------------------------------------------------


@dataclass(frozen=True)
class Story:
    example: Example
    text: str


def career_stories(*, dossier: Dossier) -> list[Story]:
    with translation.override(dossier.language):
        return [
            Story(example=example, text=drafting.story_text(example))
            for example in _examples(dossier)
            if example.action.strip() or example.result.strip()
        ]


def profile_get(*, dossier: Dossier) -> Profile:
    return Profile.objects.filter(dossier=dossier).first() or Profile(dossier=dossier)


def career_about_draft(*, dossier: Dossier) -> str:
    feelings = Feelings.objects.filter(dossier=dossier).first()
    skills = list(DossierSkill.objects.filter(dossier=dossier).select_related("skill"))
    with translation.override(dossier.language):
        return drafting.about_draft(
            dossier=dossier,
            skills=skills,
            examples=_examples(dossier),
            applications=feelings.applications if feelings else "",
        )


def career_about(*, dossier: Dossier) -> str:
    return profile_get(dossier=dossier).about or career_about_draft(dossier=dossier)


@transaction.atomic
def career_about_save(*, dossier: Dossier, about: str, version: str | None = None) -> Profile:
    """``version``: what the form was loaded from (see bilan.core.edits); None skips the check."""
    profile = profile_get(dossier=dossier)
    edit_claim(instance=profile, version=version, fields=("about",))
    profile.about = about.strip()
    profile.full_clean()
    profile.save()
    return profile


# --- Recommendation letter -------------------------------------------------------------------


@dataclass(frozen=True)
class Letter:
    to: str
    subject: str
    body: str
    offered: bool
    edited: bool

    @property
    def mailto(self) -> str:
        return drafting.mailto_link(to=self.to, subject=self.subject, body=self.body)


def career_letter_draft(*, dossier: Dossier) -> tuple[str, str]:
    contact = tutor_contact(dossier=dossier)
    with translation.override(dossier.language):
        return drafting.letter_draft(
            dossier=dossier,
            intern=_intern(dossier),
            tutor=contact.name if contact else dossier.tutor_name,
            examples=_examples(dossier),
            offered=tutor_offers_recommendation(dossier=dossier),
        )


def career_letter(*, dossier: Dossier) -> Letter:
    profile = profile_get(dossier=dossier)
    contact = tutor_contact(dossier=dossier)
    subject, body = profile.letter_subject, profile.letter_body
    edited = bool(subject or body)
    if not edited:
        subject, body = career_letter_draft(dossier=dossier)
    return Letter(
        to=contact.email if contact else "",
        subject=subject,
        body=body,
        offered=tutor_offers_recommendation(dossier=dossier),
        edited=edited,
    )


@transaction.atomic
def career_letter_save(
    *, dossier: Dossier, subject: str, body: str, version: str | None = None
) -> Profile:
    profile = profile_get(dossier=dossier)
    edit_claim(
        instance=profile,
        version=version,
        fields={"subject": "letter_subject", "body": "letter_body"},
    )
    profile.letter_subject, profile.letter_body = subject.strip(), body.strip()
    profile.full_clean()
    profile.save()
    return profile


# --- JSON Resume -----------------------------------------------------------------------------


def _position(dossier: Dossier) -> str:
    role = _("Alternant·e") if dossier.kind == Dossier.Kind.ALTERNANCE else _("Stagiaire")
    return f"{role} ({dossier.programme})" if dossier.programme else role


def _work_summary(dossier: Dossier) -> str:
    weeks = {"weeks": dossier.duration_weeks}
    if dossier.kind == Dossier.Kind.ALTERNANCE:
        summary = _("Alternance de %(weeks)d semaines") % weeks
    else:
        summary = _("Stage de %(weeks)d semaines") % weeks
    if dossier.service:
        summary += _(", service %(service)s") % {"service": dossier.service}
    return summary + "."


def resume_export(*, dossier: Dossier) -> dict[str, Any]:
    """The dossier as a JSON Resume (jsonresume.org schema 1.x): the internship as the work."""
    owner = dossier.owner
    with translation.override(dossier.language):
        basics: dict[str, Any] = {"name": _intern(dossier), "email": owner.email}
        about = career_about(dossier=dossier)
        if about:
            basics["summary"] = about
        work: dict[str, Any] = {
            "name": dossier.organisation,
            "position": _position(dossier),
            "startDate": dossier.start_date.isoformat(),
            "endDate": dossier.end_date.isoformat(),
            "summary": _work_summary(dossier),
            "highlights": [line.text for line in cv_lines(dossier=dossier)],
        }
        if dossier.location:
            work["location"] = dossier.location
        groups: dict[str, list[str]] = {}
        skills = DossierSkill.objects.filter(dossier=dossier).select_related("skill")
        for item in skills:
            if item.label and item.label not in groups.setdefault(item.family, []):
                groups[item.family].append(item.label)
        resume: dict[str, Any] = {
            "basics": basics,
            "work": [work],
            "skills": [
                {"name": str(Family(family).label), "keywords": groups[family]}
                for family in Family.values
                if groups.get(family)
            ],
        }
        if dossier.school:
            education = {"institution": dossier.school}
            if dossier.programme:
                education["area"] = dossier.programme
            resume["education"] = [education]
        return resume
