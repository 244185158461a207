"""Questions for the tutor, proposed from the dossier's gaps; the intern keeps what they want.

Gaps, following the method ("Conseils pour faciliter l'échange le jour J"): skills nobody has
confirmed yet (no feedback answer named them as a strength or rated them), the intern's own
progress axes, and the future (next step, a recommendation, useful contacts).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from bilan.dossiers.models import Dossier
from bilan.feedback.models import Answer, FeedbackRequest
from bilan.skills.models import DossierSkill, ProgressAxis

from .models import Question

MAX_SKILL_PROPOSALS = 5


@dataclass(frozen=True)
class Proposal:
    key: str
    topic: str
    text: str

    @property
    def topic_label(self) -> str:
        return str(Question.Topic(self.topic).label)


def unconfirmed_skills(*, dossier: Dossier) -> list[DossierSkill]:
    """The intern's skills that no answer named as a strength or rated."""
    confirmed: set[int] = set()
    answers = Answer.objects.filter(request__dossier=dossier).prefetch_related("strengths")
    for answer in answers:
        confirmed.update(skill.pk for skill in answer.strengths.all())
        for key, value in answer.rating_values().items():
            if key.startswith("skill:") and value and key[6:].isdigit():
                confirmed.add(int(key[6:]))
    skills = DossierSkill.objects.filter(dossier=dossier).select_related("skill")
    return [item for item in skills.prefetch_related("examples") if item.pk not in confirmed]


def tutor_offers_recommendation(*, dossier: Dossier) -> bool:
    return Answer.objects.filter(
        request__dossier=dossier,
        request__relationship=FeedbackRequest.Relationship.TUTOR,
        offers_recommendation=True,
    ).exists()


def _skill_question(item: DossierSkill) -> str:
    examples = list(item.examples.all())
    if examples:
        return _(
            "J'ai mis en œuvre « %(skill)s » notamment lors de « %(example)s ». "
            "Qu'en avez-vous pensé, et que me conseilleriez-vous pour aller plus loin ?"
        ) % {"skill": item.label, "example": examples[0].title}
    return _(
        "Avez-vous pu observer ma compétence « %(skill)s » ? "
        "Sur quelle situation vous appuieriez-vous pour l'évaluer ?"
    ) % {"skill": item.label}


def _future_questions(dossier: Dossier) -> list[Proposal]:
    future = Question.Topic.FUTURE
    if tutor_offers_recommendation(dossier=dossier):
        recommendation = _(
            "Vous avez proposé de me recommander : accepteriez-vous d'écrire une lettre de "
            "recommandation que je pourrai joindre à mes candidatures ?"
        )
    else:
        recommendation = _(
            "Accepteriez-vous d'écrire une lettre de recommandation, ou que je vous cite "
            "comme référence dans mes candidatures ?"
        )
    return [
        Proposal(
            "future:next",
            future,
            _(
                "Quelle suite me conseilleriez-vous pour mon parcours : poursuite d'études, "
                "spécialisation, type de poste ?"
            ),
        ),
        Proposal("future:recommendation", future, recommendation),
        Proposal(
            "future:contacts",
            future,
            _(
                "Quelles personnes ou quelles entreprises de votre réseau me conseilleriez-vous "
                "de contacter ?"
            ),
        ),
        Proposal(
            "future:opening",
            future,
            _("Des opportunités (alternance, CDD, emploi) pourraient-elles s'ouvrir ici ?"),
        ),
    ]


def questions_propose(*, dossier: Dossier) -> list[Proposal]:
    """Proposals in the dossier's language (they are read to the tutor), minus those kept."""
    with translation.override(dossier.language):
        proposals = [
            Proposal(
                "impressions",
                Question.Topic.OTHER,
                _(
                    "Quelles sont vos impressions sur mon stage ? "
                    "Qu'est-ce qui vous a le plus marqué ?"
                ),
            )
        ]
        proposals += [
            Proposal(f"skill:{item.pk}", Question.Topic.SKILL, _skill_question(item))
            for item in unconfirmed_skills(dossier=dossier)[:MAX_SKILL_PROPOSALS]
        ]
        proposals += [
            Proposal(
                f"axis:{axis.pk}",
                Question.Topic.AXIS,
                _(
                    "Je souhaite progresser sur ce point : « %(axis)s ». "
                    "Qu'est-ce qui vous semble le plus utile pour y arriver ?"
                )
                % {"axis": axis.text},
            )
            for axis in ProgressAxis.objects.filter(dossier=dossier)
        ]
        proposals += _future_questions(dossier)
    kept = set(
        Question.objects.filter(dossier=dossier)
        .exclude(proposal_key="")
        .values_list("proposal_key", flat=True)
    )
    return [proposal for proposal in proposals if proposal.key not in kept]
