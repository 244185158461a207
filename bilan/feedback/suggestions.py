"""What feedback received gives the skill suggestions to read: the raters' own words."""

from __future__ import annotations

from django.utils.translation import gettext as _

from bilan.dossiers.models import Dossier
from bilan.skills.suggest import Passage

from .models import Answer


def feedback_passages(dossier: Dossier) -> list[Passage]:
    passages = []
    answers = Answer.objects.filter(request__dossier=dossier).select_related("request")
    for answer in answers:
        text = "\n".join(
            part
            for part in (
                answer.strengths_other,
                answer.situation,
                answer.developed,
                answer.comment,
            )
            if part.strip()
        )
        if text.strip():
            source = (
                _("Retour anonyme")
                if answer.request.anonymous
                else _("Retour de %(who)s") % {"who": answer.request.name[:80]}
            )
            passages.append(Passage(source, text))
    return passages
