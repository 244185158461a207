"""The method's preparation steps and checklist, shown as the dossier's progress.

Each line of the method is listed. Lines whose feature has not shipped yet are marked
unavailable instead of being ticked or hidden, so progress is never overstated.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from bilan.dossiers.models import Dossier
from bilan.dossiers.services import PlanSummary, journal_first_last_weeks, plan_summary
from bilan.feedback.services import feedback_answered_count
from bilan.meeting.services import meeting_has_future_question
from bilan.skills.services import skills_progress
from bilan.synthesis.models import SynthesisVersion

MIN_TRACES = 3
# "Plusieurs membres de l'équipe": at least two people other than the intern.
MIN_FEEDBACK_ANSWERS = 2
MIN_TRANSVERSAL = 2
MIN_AXES = 2


def _n(singular: str, plural: str, n: int) -> str:
    """``ngettext`` with French's rule for zero: "0 étape faite", like "1 étape faite".

    The French strings are the source (no French catalogue), so gettext's default rule (plural
    unless n == 1) would apply to French as to English.
    """
    french = (get_language() or "fr").startswith("fr")
    return ngettext(singular, plural, 1 if french and n == 0 else n) % {"n": n}


def _missing(parts: list[str]) -> str:
    parts = [part for part in parts if part]
    if not parts:
        return ""
    return gettext("il manque : %(parts)s") % {"parts": ", ".join(parts)}


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: Promise
    hint: Promise
    available: bool
    done: bool = False
    detail: str = ""
    url: str = ""
    # What is left before the step counts as done, said plainly ("il manque : …").
    missing: str = ""


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
    def headline(self) -> str:
        """ "1 étape faite sur 9": the count of done steps decides the plural."""
        done = self.done_count
        return _n("%(n)d étape faite", "%(n)d étapes faites", done) + gettext(" sur %(total)d") % {
            "total": len(self.available)
        }

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
        detail=_n("%(n)d trace", "%(n)d traces", total)
        + (
            _n(", dont %(n)d liée à un objectif", ", dont %(n)d liées à un objectif", linked)
            if total
            else ""
        ),
        url=reverse("evidence:list", args=[dossier.pk]),
        missing=_missing(
            [
                _n("%(n)d trace de plus", "%(n)d traces de plus", MIN_TRACES - total)
                if total < MIN_TRACES
                else "",
                gettext("une trace liée à un objectif") if not linked else "",
            ]
        ),
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
            detail=_n("%(n)d compétence", "%(n)d compétences", progress.total)
            + (
                _n(
                    ", dont %(n)d sans exemple",
                    ", dont %(n)d sans exemple",
                    progress.without_example,
                )
                if progress.without_example
                else ""
            ),
            url=reverse("skills:list", args=[dossier.pk]),
            missing=_missing(
                [
                    gettext("une compétence technique") if not progress.technical else "",
                    gettext("une compétence humaine (transversale ou comportementale)")
                    if not progress.human
                    else "",
                    _n(
                        "un exemple pour %(n)d compétence",
                        "un exemple pour %(n)d compétences",
                        progress.without_example,
                    )
                    if progress.without_example
                    else "",
                ]
            ),
        ),
        ChecklistItem(
            key="transversal",
            label=_("Identifier au moins 2 compétences transversales et 2 axes à renforcer"),
            hint=_("Dans vos propres mots."),
            available=True,
            done=progress.transversal_done,
            detail=_n(
                "%(n)d compétence transversale",
                "%(n)d compétences transversales",
                progress.transversal,
            )
            + ", "
            + _n("%(n)d axe de progrès", "%(n)d axes de progrès", progress.axes),
            url=reverse("skills:feelings", args=[dossier.pk]),
            missing=_missing(
                [
                    _n(
                        "%(n)d compétence transversale",
                        "%(n)d compétences transversales",
                        MIN_TRANSVERSAL - progress.transversal,
                    )
                    if progress.transversal < MIN_TRANSVERSAL
                    else "",
                    _n("%(n)d axe de progrès", "%(n)d axes de progrès", MIN_AXES - progress.axes)
                    if progress.axes < MIN_AXES
                    else "",
                ]
            ),
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
        detail=_n("%(n)d réponse reçue", "%(n)d réponses reçues", answered),
        url=reverse("feedback:requests", args=[dossier.pk]),
        missing=_missing(
            [
                _n(
                    "%(n)d réponse de plus à vos demandes de retour",
                    "%(n)d réponses de plus à vos demandes de retour",
                    MIN_FEEDBACK_ANSWERS - answered,
                )
                if answered < MIN_FEEDBACK_ANSWERS
                else ""
            ]
        ),
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
        detail=gettext("version %(n)d") % {"n": latest.number} if latest else "",
        url=reverse("synthesis:home", args=[dossier.pk]),
        missing=_missing(
            [
                gettext("la première version (Bilan la rédige pour vous)")
                if latest is None
                else gettext("votre relecture du brouillon (modifiez au moins une partie)")
                if not reviewed
                else ""
            ]
        ),
    )


def _future_item(dossier: Dossier) -> ChecklistItem:
    done = meeting_has_future_question(dossier=dossier)
    return ChecklistItem(
        key="future",
        label=_("Formuler une question sur la suite"),
        hint=_("Montrez votre intérêt et alimentez la discussion."),
        available=True,
        done=done,
        url=reverse("meeting:index", args=[dossier.pk]),
        missing="" if done else _missing([gettext("une question sur la suite, page Entretien")]),
    )


def dossier_checklist(dossier: Dossier, *, summary: PlanSummary | None = None) -> Checklist:
    # The home page shows the plan summary too: it passes the one it has (two queries fewer).
    summary = summary or plan_summary(dossier=dossier)
    weeks = journal_first_last_weeks(dossier=dossier)
    objectives_url = reverse("dossiers:objectives", args=[dossier.pk])
    items = [
        ChecklistItem(
            key="mission",
            label=_("Relire la fiche mission et la découper en objectifs"),
            hint=_("Reprenez point par point ce qui était prévu."),
            available=True,
            done=bool(dossier.mission_text.strip()) and summary.total > 0,
            detail=_n("%(n)d objectif", "%(n)d objectifs", summary.total),
            url=objectives_url,
            missing=_missing(
                [
                    gettext("le texte de la mission (fiche mission, convention)")
                    if not dossier.mission_text.strip()
                    else "",
                    gettext("les objectifs tirés de la mission") if not summary.total else "",
                ]
            ),
        ),
        ChecklistItem(
            key="plan_review",
            label=_("Faire le point sur les missions effectives"),
            hint=_("Pour chaque objectif : ce qui a été fait, votre contribution."),
            available=True,
            done=summary.total > 0 and summary.reviewed == summary.total,
            detail=_n("%(n)d objectif revu", "%(n)d objectifs revus", summary.reviewed)
            + gettext(" sur %(total)d") % {"total": summary.total}
            if summary.total
            else "",
            url=reverse("dossiers:plan", args=[dossier.pk]),
            missing=_missing(
                [
                    gettext("des objectifs à revoir") if not summary.total else "",
                    _n(
                        "ce qui a été fait pour %(n)d objectif",
                        "ce qui a été fait pour %(n)d objectifs",
                        summary.total - summary.reviewed,
                    )
                    if summary.total > summary.reviewed
                    else "",
                ]
            ),
        ),
        ChecklistItem(
            key="weeks",
            label=_("Jauger votre évolution entre la première et la dernière semaine"),
            hint=_("Que maîtrisez-vous désormais ?"),
            available=True,
            done=bool(
                weeks.first
                and not weeks.same_week
                and dossier.first_week_note.strip()
                and dossier.mastered_now.strip()
            ),
            url=reverse("dossiers:weeks", args=[dossier.pk]),
            missing=_missing(
                [
                    gettext("une entrée de journal pendant le stage")
                    if not weeks.first
                    else gettext("une entrée de journal d'une autre semaine que la première")
                    if weeks.same_week
                    else "",
                    gettext("la note de première semaine")
                    if not dossier.first_week_note.strip()
                    else "",
                    gettext("ce que vous maîtrisez désormais")
                    if not dossier.mastered_now.strip()
                    else "",
                ]
            ),
        ),
        _traces_item(dossier),
        *_skills_items(dossier),
        _feedback_item(dossier),
        _synthesis_item(dossier),
        _future_item(dossier),
    ]
    return Checklist(items=items)
