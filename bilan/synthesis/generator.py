"""A first draft of each trame section, written from what the dossier holds.

The draft is built as blocks (paragraphs, lists, bold runs) and stored as the small Markdown
dialect the intern edits; `to_markdown` escapes what the intern typed, so an asterisk in a
journal never turns into bold. Confidential traces are never read here.
"""

from __future__ import annotations

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bilan.documents.markup import to_markdown
from bilan.documents.model import TRAME, Block, BulletList, Paragraph, Run
from bilan.dossiers.models import Dossier, Objective
from bilan.dossiers.services import plan_summary
from bilan.feedback.models import Answer
from bilan.skills import services as skills

MAX_ITEMS = 8


def _join(*parts: str) -> str:
    return " ".join(part.strip() for part in parts if part and part.strip())


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if text and text[-1] not in ".!?…":
        text += "."
    return text


def _introduction(dossier: Dossier) -> list[Block]:
    period = _("du %(start)s au %(end)s") % {
        "start": formats.date_format(dossier.start_date, "DATE_FORMAT"),
        "end": formats.date_format(dossier.end_date, "DATE_FORMAT"),
    }
    kind = dossier.get_kind_display().lower()
    weeks = ngettext("%(n)d semaine", "%(n)d semaines", dossier.duration_weeks) % {
        "n": dossier.duration_weeks
    }
    where = dossier.organisation
    if dossier.service:
        where = _("%(organisation)s, service %(service)s") % {
            "organisation": dossier.organisation,
            "service": dossier.service,
        }
    first = _("J'ai effectué un %(kind)s de %(weeks)s (%(period)s) chez %(where)s") % {
        "kind": kind,
        "weeks": weeks,
        "period": period,
        "where": where,
    }
    if dossier.location:
        first += _(", à %(location)s") % {"location": dossier.location}
    if dossier.programme or dossier.school:
        first += _(", dans le cadre de ma formation %(programme)s") % {
            "programme": _join(dossier.programme, f"({dossier.school})" if dossier.school else "")
        }
    runs = [Run(_sentence(first) + " ")]
    if dossier.tutor_name:
        tutor = _join(dossier.tutor_name, f"({dossier.tutor_role})" if dossier.tutor_role else "")
        runs.append(Run(_sentence(_("Encadrement : %(tutor)s") % {"tutor": tutor})))
    blocks: list[Block] = [Paragraph(runs)]
    planned = [o for o in dossier.objectives.all() if not o.unplanned][:3]
    if planned:
        titles = "; ".join(o.title.rstrip(".") for o in planned)
        blocks.append(
            Paragraph([Run(_sentence(_("Ma mission : %(titles)s") % {"titles": titles}))])
        )
    return blocks


def _deroulement(dossier: Dossier) -> list[Block]:
    summary = plan_summary(dossier=dossier)
    if not summary.total:
        return [Paragraph([Run(_("Décrivez ici vos tâches principales."))])]
    counts = ", ".join(
        f"{label.lower()} : {count}" for _value, label, count in summary.status_rows if count
    )
    blocks: list[Block] = [
        Paragraph(
            [
                Run(
                    ngettext(
                        "Sur %(n)d objectif — %(counts)s.",
                        "Sur %(n)d objectifs — %(counts)s.",
                        summary.total,
                    )
                    % {"n": summary.total, "counts": counts}
                )
            ]
        )
    ]
    items: list[list[Run]] = []
    for objective in summary.planned + summary.unplanned:
        if objective.status in (Objective.Status.PLANNED, Objective.Status.DROPPED):
            continue
        detail = objective.actual or objective.contribution
        item = [Run(objective.title.rstrip(".") + (" — " if detail else ""), bold=True)]
        if detail:
            item.append(Run(_sentence(detail)))
        if objective.unplanned:
            item.append(Run(" " + _("(tâche non prévue)"), italic=True))
        items.append(item)
    if items:
        blocks.append(BulletList(items[:MAX_ITEMS]))
    dropped = [o for o in summary.planned if o.status == Objective.Status.DROPPED and o.reason]
    for objective in dropped[:2]:
        blocks.append(
            Paragraph(
                [
                    Run(_("Objectif abandonné : "), italic=True),
                    Run(objective.title.rstrip(".") + " — " + _sentence(objective.reason)),
                ]
            )
        )
    return blocks


def _competences(dossier: Dossier) -> list[Block]:
    overview = skills.skills_overview(dossier=dossier)
    examples = skills.examples_for_dossier(dossier=dossier)
    by_skill: dict[int, list] = {}
    for example in examples:
        for item in example.skills.all():
            by_skill.setdefault(item.pk, []).append(example)
    # Skills illustrated by the same example share one line: the example is told once.
    told: dict[int, list[str]] = {}
    missing: list[str] = []
    for group in overview.groups:
        for item in group.skills:
            found = by_skill.get(item.pk, [])
            if not found:
                missing.append(item.label)
                continue
            levels = ""
            if item.level_before and item.level_now:
                levels = f" ({item.level_before} → {item.level_now})"
            told.setdefault(found[0].pk, []).append(item.label + levels)
    stories = {example.pk: example for example in examples}
    items: list[list[Run]] = []
    for example_pk, labels in told.items():
        example = stories[example_pk]
        story = _join(_sentence(example.action), _sentence(example.result))
        items.append([Run(", ".join(labels) + " — ", bold=True), Run(story)])
    blocks: list[Block] = []
    if items:
        blocks.append(BulletList(items[:MAX_ITEMS]))
    else:
        blocks.append(
            Paragraph([Run(_("Pour chaque compétence acquise, donnez un exemple concret."))])
        )
    if missing:
        blocks.append(
            Paragraph(
                [
                    Run(_("À illustrer d'un exemple : "), italic=True),
                    Run(", ".join(missing[:MAX_ITEMS]) + "."),
                ]
            )
        )
    return blocks


def _difficultes(dossier: Dossier) -> list[Block]:
    difficulties = skills.highlights_for_dossier(dossier=dossier).get("difficulty", [])
    if not difficulties:
        return [
            Paragraph(
                [
                    Run(
                        _(
                            "Quelle difficulté avez-vous rencontrée, "
                            "et comment l'avez-vous surmontée ?"
                        )
                    )
                ]
            )
        ]
    items = []
    for item in difficulties[:MAX_ITEMS]:
        text = _join(
            _sentence(item.description),
            _sentence(item.solution),
            _sentence(_("Ressources mobilisées : %(r)s") % {"r": item.resources})
            if item.resources
            else "",
            _sentence(_("Ce que j'en retiens : %(l)s") % {"l": item.lesson}) if item.lesson else "",
        )
        items.append([Run(item.title.rstrip(".") + " — ", bold=True), Run(text)])
    return [BulletList(items)]


def _bilan_personnel(dossier: Dossier) -> list[Block]:
    blocks: list[Block] = []
    successes = skills.highlights_for_dossier(dossier=dossier).get("success", [])
    if successes:
        blocks.append(
            BulletList(
                [
                    [Run(s.title.rstrip(".") + " — ", bold=True), Run(_sentence(s.description))]
                    for s in successes[:MAX_ITEMS]
                ]
            )
        )
    if dossier.mastered_now.strip():
        blocks.append(
            Paragraph(
                [
                    Run(_("Ce que je maîtrise désormais : "), bold=True),
                    Run(_sentence(dossier.mastered_now)),
                ]
            )
        )
    feelings = skills.feelings_get(dossier=dossier)
    parts = [
        _sentence(text)
        for text in (feelings.culture, feelings.atmosphere, feelings.team, feelings.motivation)
        if text.strip()
    ]
    if parts:
        blocks.append(Paragraph([Run(" ".join(parts))]))
    quotes = _feedback_quotes(dossier)
    if quotes:
        blocks.append(Paragraph([Run(_("Ce que mon entourage a relevé :"), bold=True)]))
        blocks.append(BulletList([[Run(quote)] for quote in quotes]))
    if not blocks:
        blocks.append(
            Paragraph(
                [
                    Run(
                        _(
                            "Qu'est-ce que ce stage vous a apporté ? "
                            "Quels points forts a-t-il révélés ?"
                        )
                    )
                ]
            )
        )
    return blocks


def _feedback_quotes(dossier: Dossier) -> list[str]:
    """Named answers only: anonymous ones are never quoted one by one."""
    quotes = []
    answers = Answer.objects.filter(
        request__dossier=dossier, request__anonymous=False
    ).select_related("request")
    for answer in answers[:MAX_ITEMS]:
        text = answer.situation or answer.comment or answer.developed
        if text.strip():
            quotes.append(f"« {' '.join(text.split())[:280]} » — {answer.request.name}")
    return quotes[:3]


def _ouverture(dossier: Dossier) -> list[Block]:
    blocks: list[Block] = []
    axes = list(dossier.progress_axes.all())
    if axes:
        blocks.append(Paragraph([Run(_("Mes axes de progrès :"), bold=True)]))
        blocks.append(BulletList([[Run(axis.text)] for axis in axes[:MAX_ITEMS]]))
    feelings = skills.feelings_get(dossier=dossier)
    if feelings.applications.strip():
        blocks.append(Paragraph([Run(_sentence(feelings.applications))]))
    if not blocks:
        blocks.append(
            Paragraph(
                [Run(_("Quels axes de progrès retenez-vous, et quels liens avec vos ambitions ?"))]
            )
        )
    return blocks


BUILDERS = {
    "introduction": _introduction,
    "deroulement": _deroulement,
    "competences": _competences,
    "difficultes": _difficultes,
    "bilan_personnel": _bilan_personnel,
    "ouverture": _ouverture,
}


def sections_generate(*, dossier: Dossier) -> dict[str, str]:
    """One Markdown draft per trame section, in the dossier's language."""
    with translation.override(dossier.language):
        return {key: to_markdown(BUILDERS[key](dossier)) for key in TRAME}
