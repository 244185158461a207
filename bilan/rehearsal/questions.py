"""Questions the tutor is likely to ask, read from the gaps and the turning points of the dossier.

The method's advice for the day: stay open to criticism and end on an opening. A tutor asks
about what changed in the mission, a skill claimed without an example, a difficulty, the
axes of progress and the intern's plans; each question says why it is likely and, where the
dossier already holds an answer, reminds the intern of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from bilan.dossiers.models import Dossier, Objective
from bilan.meeting.models import Question
from bilan.skills.models import DossierSkill, Highlight, ProgressAxis

MAX_LIKELY = 10


@dataclass(frozen=True)
class LikelyQuestion:
    text: str
    why: str
    prepared: str = ""  # what the dossier already says that answers it


def _quoted(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _objective_questions(dossier: Dossier) -> list[LikelyQuestion]:
    found: list[LikelyQuestion] = []
    statuses = {
        Objective.Status.CHANGED: (
            _("Pourquoi « %(title)s » a-t-il changé en cours de route ?"),
            _("objectif modifié"),
        ),
        Objective.Status.DROPPED: (
            _("Pourquoi « %(title)s » a-t-il été abandonné ? Qu'en avez-vous tiré ?"),
            _("objectif abandonné"),
        ),
        Objective.Status.PARTIAL: (
            _("Qu'est-ce qui a manqué pour mener « %(title)s » jusqu'au bout ?"),
            _("objectif partiellement réalisé"),
        ),
    }
    for objective in dossier.objectives.filter(status__in=list(statuses)):
        template, why = statuses[Objective.Status(objective.status)]
        found.append(
            LikelyQuestion(
                text=template % {"title": _quoted(objective.title)},
                why=why,
                prepared=_quoted(objective.reason or objective.actual, 200),
            )
        )
    return found


def _skill_questions(dossier: Dossier) -> list[LikelyQuestion]:
    skills = (
        DossierSkill.objects.filter(dossier=dossier)
        .select_related("skill")
        .annotate(example_count=Count("examples"))
        .filter(example_count=0)
    )
    return [
        LikelyQuestion(
            text=_(
                "Pouvez-vous donner un exemple concret où vous avez mis en œuvre « %(skill)s » ?"
            )
            % {"skill": _quoted(skill.label)},
            why=_("compétence sans exemple dans le dossier"),
        )
        for skill in skills[:3]
    ]


def _difficulty_questions(dossier: Dossier) -> list[LikelyQuestion]:
    found: list[LikelyQuestion] = []
    for highlight in Highlight.objects.filter(dossier=dossier, kind=Highlight.Kind.DIFFICULTY)[:2]:
        if highlight.solution.strip():
            text = _("Face à « %(title)s », que feriez-vous autrement aujourd'hui ?")
            prepared = highlight.lesson or highlight.solution
        else:
            text = _("Comment avez-vous fait face à « %(title)s » ?")
            prepared = highlight.description
        found.append(
            LikelyQuestion(
                text=text % {"title": _quoted(highlight.title)},
                why=_("difficulté rencontrée"),
                prepared=_quoted(prepared, 200),
            )
        )
    if not found:
        found.append(
            LikelyQuestion(
                text=_(
                    "Quelle a été votre principale difficulté, et comment l'avez-vous surmontée ?"
                ),
                why=_(
                    "aucune difficulté dans le dossier : "
                    "ne pas en parler passe à côté d'un apprentissage"
                ),
            )
        )
    return found


def _axis_questions(dossier: Dossier) -> list[LikelyQuestion]:
    axes = list(ProgressAxis.objects.filter(dossier=dossier)[:2])
    if not axes:
        return [
            LikelyQuestion(
                text=_("Sur quoi pensez-vous devoir encore progresser ?"),
                why=_("aucun axe de progrès dans le dossier"),
            )
        ]
    return [
        LikelyQuestion(
            text=_("Comment comptez-vous progresser sur « %(axis)s » ?")
            % {"axis": _quoted(a.text)},
            why=_("axe de progrès"),
        )
        for a in axes
    ]


def _standing_questions() -> list[LikelyQuestion]:
    return [
        LikelyQuestion(
            text=_("Qu'est-ce que ce stage vous a apporté, en une phrase ?"),
            why=_("question d'ouverture fréquente"),
        ),
        LikelyQuestion(
            text=_("Quel est votre projet après ce stage ?"),
            why=_("le tuteur voudra parler de la suite"),
        ),
    ]


def likely_questions(dossier: Dossier) -> list[LikelyQuestion]:
    """The tutor's likely questions, the dossier's gaps and turning points first."""
    found = [
        *_objective_questions(dossier),
        *_skill_questions(dossier),
        *_difficulty_questions(dossier),
        *_axis_questions(dossier),
        *_standing_questions(),
    ]
    return found[:MAX_LIKELY]


def own_questions(dossier: Dossier) -> tuple[list[Question], bool]:
    """The intern's questions for the tutor, and whether one of them opens on the future."""
    questions = list(Question.objects.filter(dossier=dossier))
    return questions, any(q.topic == Question.Topic.FUTURE for q in questions)
