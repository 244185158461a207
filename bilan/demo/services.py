"""Load the demo dossier through the same services a user's actions go through."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from bilan.accounts.models import User
from bilan.dossiers import services as dossier_services
from bilan.dossiers.models import Dossier

from . import content
from .evidence import demo_traces_load
from .feedback import demo_feedback_load
from .meeting import demo_meeting_load
from .skills import demo_skills_load


@dataclass
class DemoResult:
    user: User
    dossier: Dossier
    created: bool


@transaction.atomic
def demo_load() -> DemoResult:
    user = User.objects.filter(email=content.DEMO_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            email=content.DEMO_EMAIL,
            password=content.DEMO_PASSWORD,
            language="fr",
            **content.INTERN,
        )
    dossier = user.dossiers.filter(organisation=content.DOSSIER["organisation"]).first()
    if dossier is not None:
        return DemoResult(user=user, dossier=dossier, created=False)

    dossier = dossier_services.dossier_create(owner=user, **content.DOSSIER)
    proposed = dossier_services.objectives_propose(dossier=dossier)
    objectives = dossier_services.objectives_import(dossier=dossier, titles=proposed)
    for objective, (status, actual, contribution, reason) in zip(
        objectives, content.OBJECTIVE_REVIEWS, strict=False
    ):
        dossier_services.objective_update(
            objective=objective,
            status=status,
            actual=actual,
            contribution=contribution,
            reason=reason,
        )
    for title, status, actual, contribution in content.UNPLANNED:
        dossier_services.objective_create(
            dossier=dossier,
            title=title,
            unplanned=True,
            status=status,
            actual=actual,
            contribution=contribution,
        )
    for date, text, tags in content.JOURNAL:
        dossier_services.journal_entry_create(dossier=dossier, date=date, text=text, tags=tags)
    dossier_services.dossier_update(
        dossier=dossier,
        first_week_note=content.FIRST_WEEK_NOTE,
        mastered_now=content.MASTERED_NOW,
    )
    demo_traces_load(dossier=dossier)
    demo_skills_load(dossier=dossier)
    demo_feedback_load(dossier=dossier)
    demo_meeting_load(dossier=dossier)
    return DemoResult(user=user, dossier=dossier, created=True)
