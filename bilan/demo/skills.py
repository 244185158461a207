"""The demo dossier's skills, examples, highlights and feelings, through the skills services."""

from __future__ import annotations

from django.db import transaction

from bilan.dossiers.models import Dossier
from bilan.skills.models import Highlight, Skill
from bilan.skills.services import (
    dossier_skill_add,
    example_create,
    feelings_update,
    highlight_create,
    progress_axis_add,
)

from . import content


@transaction.atomic
def demo_skills_load(*, dossier: Dossier) -> None:
    """Fill a freshly created demo dossier through the same services as the intern's actions."""
    items = []
    for key, code, label, family, before, now, note in content.SKILLS:
        skill = Skill.objects.filter(framework__key=key, code=code).first() if code else None
        items.append(
            dossier_skill_add(
                dossier=dossier,
                skill=skill,
                label=label or (code or ""),
                family=family,
                level_before=before,
                level_now=now,
                note=note,
            )
        )
    examples = []
    for title, situation, task, action, result, learned, indexes in content.EXAMPLES:
        examples.append(
            example_create(
                dossier=dossier,
                title=title,
                situation=situation,
                task=task,
                action=action,
                result=result,
                learned=learned,
                skills=[items[index] for index in indexes],
            )
        )
    for kind, title, description, solution, resources, lesson in content.HIGHLIGHTS:
        highlight_create(
            dossier=dossier,
            kind=kind,
            title=title,
            description=description,
            solution=solution,
            resources=resources,
            lesson=lesson,
            examples=examples[:1] if kind == Highlight.Kind.SUCCESS else [],
        )
    feelings_update(dossier=dossier, **content.FEELINGS)
    for text in content.PROGRESS_AXES:
        progress_axis_add(dossier=dossier, text=text)
