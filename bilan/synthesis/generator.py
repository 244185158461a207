"""A first draft of each trame section, written from what the dossier holds.

The draft is built as blocks (paragraphs, lists, bold runs) and stored as the small Markdown
dialect the intern edits; `to_markdown` escapes what the intern typed, so an asterisk in a
journal never turns into bold. Traces are cited only as the intern's chosen proofs, and a
confidential one only where the intern included it in the synthesis.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bilan.documents.markup import to_markdown
from bilan.documents.model import TRAME, Block, BulletList, Language, Paragraph, Run
from bilan.dossiers.models import Dossier, Objective
from bilan.dossiers.services import plan_summary
from bilan.evidence.models import Proof
from bilan.evidence.proofs import ProofIndex, proof_citation, proofs_for_output
from bilan.feedback.models import Answer
from bilan.skills import services as skills

from .models import Synthesis

MAX_ITEMS = 8
# One proof per item keeps the support within its two pages; the intern orders their proofs.
CITATIONS_PER_ITEM = 1


def _join(*parts: str) -> str:
    return " ".join(part.strip() for part in parts if part and part.strip())


def _citations(dossier: Dossier, proofs: list[Proof]) -> list[Run]:
    """Brief italic citations of the first proofs, e.g. "(cf. e-mail de S. Laurent, …)"."""
    language: Language = "en" if dossier.language == "en" else "fr"
    return [
        Run(" " + proof_citation(proof, language), italic=True)
        for proof in proofs[:CITATIONS_PER_ITEM]
    ]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if text and text[-1] not in ".!?…":
        text += "."
    return text


def _introduction(dossier: Dossier, proofs: ProofIndex) -> list[Block]:
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


# Each status as the end of a sentence about how many objectives are in it.
def _status_phrase(status: str, n: int) -> str:
    phrases: dict[str, str] = {
        Objective.Status.DONE: ngettext("%(n)d a été réalisé", "%(n)d ont été réalisés", n),
        Objective.Status.PARTIAL: ngettext(
            "%(n)d l'a été en partie", "%(n)d l'ont été en partie", n
        ),
        Objective.Status.CHANGED: ngettext(
            "%(n)d a évolué en cours de route", "%(n)d ont évolué en cours de route", n
        ),
        Objective.Status.DROPPED: ngettext("%(n)d a été abandonné", "%(n)d ont été abandonnés", n),
        Objective.Status.PLANNED: ngettext("%(n)d reste à mener", "%(n)d restent à mener", n),
    }
    return phrases[status] % {"n": n}


def _enumerate(parts: list[str]) -> str:
    """ "a, b et c" in the active language."""
    if len(parts) < 2:
        return "".join(parts)
    return _("%(list)s et %(last)s") % {"list": ", ".join(parts[:-1]), "last": parts[-1]}


def plan_sentence(counts: dict[str, int], total: int) -> str:
    """How the plan went, as a sentence a tutor reads: "Sur les 4 objectifs de mon stage, 2 ont
    été réalisés, 1 l'a été en partie et 1 a évolué en cours de route."."""
    status = Objective.Status
    if total == 1:
        only = next((key for key, count in counts.items() if count), status.PLANNED)
        single: dict[str, str] = {
            status.DONE: _("L'objectif de mon stage a été réalisé."),
            status.PARTIAL: _("L'objectif de mon stage a été réalisé en partie."),
            status.CHANGED: _("L'objectif de mon stage a évolué en cours de route."),
            status.DROPPED: _("L'objectif de mon stage a été abandonné."),
            status.PLANNED: _("L'objectif de mon stage reste à mener."),
        }
        return single[only]
    order = [status.DONE, status.PARTIAL, status.CHANGED, status.DROPPED, status.PLANNED]
    parts = [_status_phrase(status, counts[status]) for status in order if counts.get(status)]
    return _("Sur les %(n)d objectifs de mon stage, %(parts)s.") % {
        "n": total,
        "parts": _enumerate(parts),
    }


# The calendar version keeps, per month, the first sentence of its longest journal entries.
ENTRIES_PER_MONTH = 2
_FIRST_SENTENCE = re.compile(r"(?<=[.!?…])\s")


def _by_calendar(dossier: Dossier) -> bool:
    order = (
        Synthesis.objects.filter(dossier=dossier)
        .values_list("deroulement_order", flat=True)
        .first()
    )
    return order == Synthesis.DeroulementOrder.CALENDAR


def _deroulement_calendar(dossier: Dossier) -> list[Block]:
    """Month by month, from the journal: what a tutor reads as the internship's timeline."""
    months: dict[tuple[int, int], list[str]] = {}
    for entry in dossier.journal_entries.order_by("date", "id"):
        months.setdefault((entry.date.year, entry.date.month), []).append(entry.text)
    items: list[list[Run]] = []
    for (year, month), texts in list(months.items())[:MAX_ITEMS]:
        longest = sorted(texts, key=len, reverse=True)[:ENTRIES_PER_MONTH]
        kept = [t for t in texts if t in longest]  # in the order they were written
        sentences = [
            _sentence(_FIRST_SENTENCE.split(" ".join(t.split()), maxsplit=1)[0]) for t in kept
        ]
        label = formats.date_format(dt.date(year, month, 1), "F Y")
        items.append(
            [Run(label[:1].upper() + label[1:] + " — ", bold=True), Run(" ".join(sentences))]
        )
    summary = plan_summary(dossier=dossier)
    blocks: list[Block] = []
    if summary.total:
        blocks.append(Paragraph([Run(plan_sentence(summary.counts, summary.total))]))
    if items:
        blocks.append(BulletList(items))
    return blocks


def _deroulement(dossier: Dossier, proofs: ProofIndex) -> list[Block]:
    if _by_calendar(dossier):
        return _deroulement_calendar(dossier)
    summary = plan_summary(dossier=dossier)
    if not summary.total:
        return []
    blocks: list[Block] = [Paragraph([Run(plan_sentence(summary.counts, summary.total))])]
    items: list[list[Run]] = []
    for objective in summary.planned + summary.unplanned:
        if objective.status in (Objective.Status.PLANNED, Objective.Status.DROPPED):
            continue
        actual, contribution = objective.actual.strip(), objective.contribution.strip()
        item = [
            Run(objective.title.rstrip(".") + (" — " if actual or contribution else ""), bold=True)
        ]
        if actual:
            item.append(Run(_sentence(actual)))
        if contribution:
            # The intern's own part is the heart of a bilan: it is never left out.
            item.append(Run((" " if actual else "") + _("Ma contribution : "), italic=True))
            item.append(Run(_sentence(contribution)))
        if objective.unplanned:
            item.append(Run(" " + _("(tâche non prévue)"), italic=True))
        item += _citations(dossier, proofs.of("objective", objective.pk))
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


def _competences(dossier: Dossier, proofs: ProofIndex) -> list[Block]:
    overview = skills.skills_overview(dossier=dossier)
    examples = skills.examples_for_dossier(dossier=dossier)
    by_skill: dict[int, list] = {}
    for example in examples:
        for item in example.skills.all():
            by_skill.setdefault(item.pk, []).append(example)
    # Skills illustrated by the same example share one line: the example is told once.
    told: dict[int, list[str]] = {}
    for group in overview.groups:
        for item in group.skills:
            found = by_skill.get(item.pk, [])
            if not found:
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
        # The example's own proofs first, else those of the skills it illustrates.
        backing = proofs.of("example", example.pk) or [
            proof for item in example.skills.all() for proof in proofs.of("skill", item.pk)
        ]
        items.append(
            [
                Run(", ".join(labels) + " — ", bold=True),
                Run(story),
                *_citations(dossier, backing),
            ]
        )
    # Skills still without an example are a note to the intern (see `intern_notes`), never
    # part of the text handed to the tutor.
    return [BulletList(items[:MAX_ITEMS])] if items else []


def skills_without_example(dossier: Dossier) -> list[str]:
    examples = skills.examples_for_dossier(dossier=dossier)
    illustrated = {item.pk for example in examples for item in example.skills.all()}
    overview = skills.skills_overview(dossier=dossier)
    return [
        item.label
        for group in overview.groups
        for item in group.skills
        if item.pk not in illustrated
    ]


def _difficultes(dossier: Dossier, proofs: ProofIndex) -> list[Block]:
    difficulties = skills.highlights_for_dossier(dossier=dossier).get("difficulty", [])
    if not difficulties:
        return []
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
        items.append(
            [
                Run(item.title.rstrip(".") + " — ", bold=True),
                Run(text),
                *_citations(dossier, proofs.of("highlight", item.pk)),
            ]
        )
    return [BulletList(items)]


def _bilan_personnel(dossier: Dossier, proofs: ProofIndex) -> list[Block]:
    blocks: list[Block] = []
    successes = skills.highlights_for_dossier(dossier=dossier).get("success", [])
    if successes:
        blocks.append(
            BulletList(
                [
                    [
                        Run(s.title.rstrip(".") + " — ", bold=True),
                        Run(_sentence(s.description)),
                        *_citations(dossier, proofs.of("highlight", s.pk)),
                    ]
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
    if dossier.autonomy_gained.strip():
        blocks.append(
            Paragraph(
                [
                    Run(_("Autonomie et responsabilités : "), bold=True),
                    Run(_sentence(dossier.autonomy_gained)),
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


def _ouverture(dossier: Dossier, proofs: ProofIndex) -> list[Block]:
    blocks: list[Block] = []
    axes = list(dossier.progress_axes.all())
    if axes:
        blocks.append(Paragraph([Run(_("Mes axes de progrès :"), bold=True)]))
        blocks.append(BulletList([[Run(axis.text)] for axis in axes[:MAX_ITEMS]]))
    feelings = skills.feelings_get(dossier=dossier)
    if feelings.applications.strip():
        blocks.append(Paragraph([Run(_sentence(feelings.applications))]))
    return blocks


BUILDERS = {
    "introduction": _introduction,
    "deroulement": _deroulement,
    "competences": _competences,
    "difficultes": _difficultes,
    "bilan_personnel": _bilan_personnel,
    "ouverture": _ouverture,
}


def section_prompts() -> dict[str, str]:
    """What to write in a section the dossier cannot fill yet: shown to the intern only."""
    return {
        "introduction": _("Présentez l'entreprise, votre service et votre mission."),
        "deroulement": _("Décrivez ici vos tâches principales."),
        "competences": _("Pour chaque compétence acquise, donnez un exemple concret."),
        "difficultes": _(
            "Quelle difficulté avez-vous rencontrée, et comment l'avez-vous surmontée ?"
        ),
        "bilan_personnel": _(
            "Qu'est-ce que ce stage vous a apporté ? Quels points forts a-t-il révélés ?"
        ),
        "ouverture": _("Quels axes de progrès retenez-vous, et quels liens avec vos ambitions ?"),
    }


def _note_prefixes() -> tuple[str, ...]:
    # Drafts written before notes left the text began their to-dos with these words.
    return (_("À illustrer d'un exemple : "), *section_prompts().values())


def is_intern_note(block: Block, *, language: str) -> bool:
    """A to-do for the intern (a prompt or a missing example), in either language's wording."""
    if not isinstance(block, Paragraph):
        return False
    text = " ".join(block.text.split())
    for code in dict.fromkeys((language, "fr", "en")):
        with translation.override(code):
            if any(text.startswith(" ".join(p.split()).rstrip()) for p in _note_prefixes()):
                return True
    return False


def intern_notes(*, dossier: Dossier, sections: dict[str, str]) -> dict[str, list[str]]:
    """What is left to do, per section key: on screen beside the synthesis, never exported."""
    with translation.override(dossier.language):
        prompts = section_prompts()
        notes: dict[str, list[str]] = {}
        for key in TRAME:
            if not sections.get(key, "").strip():
                notes.setdefault(key, []).append(prompts[key])
        missing = skills_without_example(dossier)
        if missing:
            notes.setdefault("competences", []).append(
                _("À illustrer d'un exemple : %(skills)s.")
                % {"skills": ", ".join(missing[:MAX_ITEMS])}
            )
        return notes


def sections_generate(*, dossier: Dossier) -> dict[str, str]:
    """One Markdown draft per trame section, in the dossier's language."""
    with translation.override(dossier.language):
        # Read once for every section: a draft may cite proofs in four of them.
        proofs = proofs_for_output(dossier=dossier, output=Proof.Output.SYNTHESIS)
        return {key: to_markdown(BUILDERS[key](dossier, proofs)) for key in TRAME}
