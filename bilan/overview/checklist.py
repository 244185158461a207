"""The method's preparation steps and checklist, shown as the dossier's progress.

Each line of the method is listed. Lines whose feature has not shipped yet are marked
unavailable instead of being ticked or hidden, so progress is never overstated.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bilan.dossiers.models import Dossier
from bilan.dossiers.services import journal_first_last_weeks, plan_summary
from bilan.feedback.services import feedback_answered_count
from bilan.meeting.services import meeting_has_future_question
from bilan.skills.services import skills_progress
from bilan.synthesis.models import SynthesisVersion

MIN_TRACES = 3
# "Plusieurs membres de l'équipe": at least two people other than the intern.
MIN_FEEDBACK_ANSWERS = 2


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: Promise
    hint: Promise
    available: bool
    done: bool = False
    detail: str = ""
    url: str = ""


@dataclass(frozen=True)
class Checklist:
    items: list[ChecklistItem]

    @property
    def available(self) -> list[ChecklistItem]:
        return [item for item in self.items if item.available]

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done)

    @property
    def percent(self) -> int:
        available = self.available
        return round(100 * self.done_count / len(available)) if available else 0


def _traces_item(dossier: Dossier) -> ChecklistItem:
    # Through the reverse relation: the evidence app owns traces, the dossier only counts them.
    traces = dossier.traces.all()
    total = traces.count()
    linked = traces.filter(objectives__isnull=False).distinct().count()
    return ChecklistItem(
        key="traces",
        label=_("Recueillir des traces concrètes"),
        hint=_("Mails-clés, comptes rendus, documents produits, remerciements."),
        available=True,
        done=total >= MIN_TRACES and linked > 0,
        detail=_("%(total)d traces, dont %(linked)d liées à un objectif")
        % {"total": total, "linked": linked},
        url=reverse("evidence:list", args=[dossier.pk]),
    )


def _skills_items(dossier: Dossier) -> list[ChecklistItem]:
    progress = skills_progress(dossier=dossier)
    return [
        ChecklistItem(
            key="skills",
            label=_("Lister vos acquis techniques et humains, avec un exemple précis pour chacun"),
            hint=_("Comparez ce que vous saviez en arrivant et ce que vous maîtrisez."),
            available=True,
            done=progress.skills_done,
            detail=_("%(total)d compétences, dont %(missing)d sans exemple")
            % {"total": progress.total, "missing": progress.without_example},
            url=reverse("skills:list", args=[dossier.pk]),
        ),
        ChecklistItem(
            key="transversal",
            label=_("Identifier au moins 2 compétences transversales et 2 axes à renforcer"),
            hint=_("Dans vos propres mots."),
            available=True,
            done=progress.transversal_done,
            detail=_("%(skills)d compétences transversales, %(axes)d axes de progrès")
            % {"skills": progress.transversal, "axes": progress.axes},
            url=reverse("skills:feelings", args=[dossier.pk]),
        ),
    ]


def _feedback_item(dossier: Dossier) -> ChecklistItem:
    answered = feedback_answered_count(dossier=dossier)
    return ChecklistItem(
        key="feedback",
        label=_("Demander un feedback à plusieurs membres de l'équipe"),
        hint=_("Pour enrichir votre bilan et varier les perspectives."),
        available=True,
        done=answered >= MIN_FEEDBACK_ANSWERS,
        detail=ngettext("%(n)d réponse reçue", "%(n)d réponses reçues", answered) % {"n": answered},
        url=reverse("feedback:requests", args=[dossier.pk]),
    )


def _synthesis_item(dossier: Dossier) -> ChecklistItem:
    versions = SynthesisVersion.objects.filter(synthesis__dossier=dossier)
    latest = versions.order_by("-number").first()
    reviewed = versions.exclude(origin=SynthesisVersion.Origin.GENERATED).exists()
    return ChecklistItem(
        key="synthesis",
        label=_("Préparer une synthèse écrite de 1 à 2 pages"),
        hint=_("Un support pour structurer l'entretien ; relisez et personnalisez le brouillon."),
        available=True,
        done=reviewed,
        detail=_("version %(n)d") % {"n": latest.number} if latest else "",
        url=reverse("synthesis:home", args=[dossier.pk]),
    )


def _future_item(dossier: Dossier) -> ChecklistItem:
    return ChecklistItem(
        key="future",
        label=_("Formuler une question sur la suite"),
        hint=_("Montrez votre intérêt et alimentez la discussion."),
        available=True,
        done=meeting_has_future_question(dossier=dossier),
        url=reverse("meeting:index", args=[dossier.pk]),
    )


def dossier_checklist(dossier: Dossier) -> Checklist:
    summary = plan_summary(dossier=dossier)
    weeks = journal_first_last_weeks(dossier=dossier)
    objectives_url = reverse("dossiers:objectives", args=[dossier.pk])
    items = [
        ChecklistItem(
            key="mission",
            label=_("Relire la fiche mission et la découper en objectifs"),
            hint=_("Reprenez point par point ce qui était prévu."),
            available=True,
            done=bool(dossier.mission_text.strip()) and summary.total > 0,
            detail=ngettext("%(n)d objectif", "%(n)d objectifs", summary.total)
            % {"n": summary.total},
            url=objectives_url,
        ),
        ChecklistItem(
            key="plan_review",
            label=_("Faire le point sur les missions effectives"),
            hint=_("Pour chaque objectif : ce qui a été fait, votre contribution."),
            available=True,
            done=summary.total > 0 and summary.reviewed == summary.total,
            detail=_("%(done)d sur %(total)d objectifs revus")
            % {"done": summary.reviewed, "total": summary.total},
            url=reverse("dossiers:plan", args=[dossier.pk]),
        ),
        ChecklistItem(
            key="weeks",
            label=_("Jauger votre évolution entre la première et la dernière semaine"),
            hint=_("Que maîtrisez-vous désormais ?"),
            available=True,
            done=bool(weeks.first and not weeks.same_week and dossier.mastered_now.strip()),
            url=reverse("dossiers:weeks", args=[dossier.pk]),
        ),
        _traces_item(dossier),
        *_skills_items(dossier),
        _feedback_item(dossier),
        _synthesis_item(dossier),
        _future_item(dossier),
    ]
    return Checklist(items=items)
