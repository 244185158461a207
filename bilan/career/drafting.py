"""Drafts drawn from the dossier: CV lines, STAR stories, "à propos", a recommendation request.

Every draft is a proposal: the intern picks, edits and saves. Nothing here writes to the
database; the services do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.utils import formats
from django.utils.translation import gettext as _

from bilan.dossiers.models import Dossier
from bilan.skills.models import DossierSkill, Example, Family

from . import verbs

MAX_LINE = 300
_SUBJECT = re.compile(
    r"^\s*(?:(?P<past>j['’]\s*ai\s+|nous avons\s+|on a\s+)|je\s+|j['’]\s*|nous\s+|on\s+)",
    re.IGNORECASE,
)
_FILLERS = frozenset(
    {
        "d'abord",
        "d’abord",
        "ensuite",
        "alors",
        "aussi",
        "également",
        "rapidement",
        "moi-même",
        "personnellement",
        "notamment",
        "enfin",
        "puis",
        "seule",
        "seul",
    }
)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
_CLAUSE_SPLIT = re.compile(r"\s*(?:;|\.\s|, mais |, et |, | mais )\s*")
_NUMBER_WORDS = (
    "deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|"
    "cinquante|soixante|cent|cents|mille|million|millions|moitié|double|triple|tiers|quart"
)
_FIGURE = re.compile(rf"\d|%|€|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)


def has_figure(text: str) -> bool:
    return bool(_FIGURE.search(text))


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = _SENTENCE_END.search(text)
    return (text[: match.start()] if match else text).strip().rstrip(".;!?").strip()


_COMMON_FIRST = frozenset(
    "le la les l un une des du de d ma mon mes ta ton tes sa son ses notre nos votre vos leur "
    "leurs ce cet cette ces il elle ils elles on nous je j tout toute tous toutes chaque "
    "plus moins".split()
)


def _lower_first(text: str) -> str:
    """ "Le comité" → "le comité"; names ("Léa", "Looker", "CRM") keep their capital."""
    first = re.split(r"[\s'’]", text, maxsplit=1)[0]
    if first.lower() in _COMMON_FIRST and first[:1].isupper():
        return text[0].lower() + text[1:]
    return text


def _lower_title(text: str) -> str:
    """A title or noun phrase inside a sentence: "Refonte de…" → "refonte de…", "CRM" kept."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _participle(word: str, *, present: bool) -> str | None:
    """The past participle ``word`` is (or, in the present tense, stands for), if a verb."""
    low = word.lower()
    if low in verbs.IRREGULAR or re.fullmatch(r"\w+é(?:e|s|es)?", low):
        return re.sub(r"é(?:e|s|es)?$", "é", low) if low not in verbs.IRREGULAR else low
    if present and low.endswith(verbs.PRESENT_SUFFIXES) and len(low) > 3:
        return low[:-1] + "é"  # je rédige → rédigé; je crée → créé
    return None


def propose_verb(text: str) -> str:
    low = text.lower()
    for keywords, verb in verbs.KEYWORD_VERBS:
        if any(keyword in low for keyword in keywords):
            return verb
    return verbs.DEFAULT_VERB


@dataclass(frozen=True)
class ActionPart:
    verb: str
    what: str
    from_text: bool  # the verb was found in the action text, not proposed


def action_part(example: Example) -> ActionPart:
    clause = _first_sentence(example.action) or _first_sentence(example.title)
    match = _SUBJECT.match(clause)
    words = clause[match.end() :].split() if match else clause.split()
    present = match is not None and not match.group("past")
    while words and words[0].lower() in _FILLERS:
        words.pop(0)
    participle = _participle(words[0], present=present) if match and words else None
    if participle and participle not in verbs.WEAK:
        return ActionPart(participle.capitalize(), " ".join(words[1:]), from_text=True)
    proposed = propose_verb(f"{example.title} {example.action}")
    if participle:  # a weak verb ("j'ai fait le benchmark"): keep what follows it
        return ActionPart(proposed, " ".join(words[1:]), from_text=False)
    return ActionPart(proposed, ": " + _lower_title(clause), from_text=False)


def result_part(example: Example) -> tuple[str, bool]:
    """The result's clauses that hold figures (else its first clause), and whether measurable."""
    text = " ".join(example.result.split()).rstrip(".")
    clauses = [c.strip() for c in _CLAUSE_SPLIT.split(text) if c.strip()]
    figures = [c for c in clauses if has_figure(c)]
    if figures:
        return ", ".join(_lower_first(c) for c in figures[:2]), True
    return (_lower_first(clauses[0]) if clauses else ""), False


@dataclass(frozen=True)
class CvLineDraft:
    example: Example
    text: str
    measurable: bool
    verb_from_text: bool


def cv_line_draft(example: Example) -> CvLineDraft:
    action = action_part(example)
    result, measurable = result_part(example)
    head = f"{action.verb} {action.what}".strip()
    tail = f" — {result}" if result else ""
    room = MAX_LINE - len(tail)
    if len(head) > room:
        head = head[: max(room - 1, 10)].rsplit(" ", 1)[0] + "…"
    return CvLineDraft(
        example=example,
        text=(head + tail)[:MAX_LINE],
        measurable=measurable,
        verb_from_text=action.from_text,
    )


def story_text(example: Example) -> str:
    """The example as a STAR story, labelled, ready to copy into interview notes."""
    parts = [
        (_("Situation"), example.situation),
        (_("Tâche"), example.task),
        (_("Action"), example.action),
        (_("Résultat"), example.result),
        (_("Ce que j'en retiens"), example.learned),
    ]
    lines = [example.title, ""]
    lines += [f"{label} : {text.strip()}" for label, text in parts if text.strip()]
    return "\n".join(lines)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s et %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def _skill_phrase(label: str) -> str:
    """ "Manipuler des données" → "manipuler des données"; tool names keep their capital."""
    first = label.split(" ", 1)[0]
    return _lower_title(label) if re.search(r"(?:er|ir|re)$", first) else label


def _period(dossier: Dossier) -> str:
    if dossier.kind == Dossier.Kind.ALTERNANCE:
        return _("une alternance de %(weeks)d semaines") % {"weeks": dossier.duration_weeks}
    return _("un stage de %(weeks)d semaines") % {"weeks": dossier.duration_weeks}


def about_draft(
    *, dossier: Dossier, skills: list[DossierSkill], examples: list[Example], applications: str
) -> str:
    """A short first-person paragraph: where, what I developed, one result, what comes next."""
    where = dossier.organisation
    details = ", ".join(filter(None, [dossier.service, dossier.location]))
    if details:
        where = f"{where} ({details})"
    if dossier.programme:
        programme = dossier.programme
        if dossier.school:
            programme = _("%(programme)s à %(school)s") % {
                "programme": programme,
                "school": dossier.school,
            }
        first = _("En %(programme)s, j'ai effectué %(period)s chez %(where)s.") % {
            "programme": programme,
            "period": _period(dossier),
            "where": where,
        }
    else:
        first = _("J'ai effectué %(period)s chez %(where)s.") % {
            "period": _period(dossier),
            "where": where,
        }
    sentences = [first]
    ranked = sorted(skills, key=lambda s: (-(s.level_now or 0), s.family != Family.TECHNICAL))
    labels = [_skill_phrase(item.label) for item in ranked if item.label][:4]
    if labels:
        sentences.append(
            _("J'y ai développé ces compétences : %(skills)s.") % {"skills": _join(labels)}
        )
    measured = [e for e in examples if e.result.strip() and has_figure(e.result)]
    if measured:
        result, _measurable = result_part(measured[0])
        sentences.append(
            _("Par exemple, %(title)s : %(result)s.")
            % {"title": _lower_title(measured[0].title), "result": result}
        )
    if applications.strip():
        sentences.append(applications.strip())
    return " ".join(sentences)


def letter_draft(
    *,
    dossier: Dossier,
    intern: str,
    tutor: str,
    examples: list[Example],
    offered: bool,
) -> tuple[str, str]:
    """Subject and body of a request for a recommendation letter, for the intern to send."""
    subject = _("Demande de lettre de recommandation — %(name)s") % {"name": intern}
    greeting = _("Bonjour %(name)s,") % {"name": tutor} if tutor else _("Bonjour,")
    period = {
        "organisation": dossier.organisation,
        "start": formats.date_format(dossier.start_date, "DATE_FORMAT"),
        "end": formats.date_format(dossier.end_date, "DATE_FORMAT"),
    }
    paragraphs = [greeting]
    if offered:
        paragraphs.append(
            _(
                "Dans votre retour sur mon stage, vous avez proposé de me recommander : "
                "je vous en remercie, et je me permets de revenir vers vous à ce sujet."
            )
        )
    paragraphs.append(
        _(
            "Je prépare la suite de mon parcours et j'aimerais joindre à mes candidatures une "
            "lettre de recommandation sur mon stage chez %(organisation)s, du %(start)s au "
            "%(end)s. Accepteriez-vous de l'écrire ?"
        )
        % period
    )
    ordered = sorted(
        (e for e in examples if e.result.strip()), key=lambda e: not has_figure(e.result)
    )
    if ordered:
        results = "\n".join(f"- {e.title} : {' '.join(e.result.split())}" for e in ordered[:3])
        paragraphs.append(
            _("Pour vous faciliter la tâche, voici quelques résultats concrets :") + "\n" + results
        )
    paragraphs.append(
        _(
            "Quelques paragraphes suffisent ; je peux vous envoyer ma synthèse de stage si elle "
            "vous est utile. Merci d'avance pour votre aide."
        )
    )
    paragraphs.append(_("Bien cordialement,") + "\n" + intern)
    return subject, "\n\n".join(paragraphs)


def mailto_link(*, to: str, subject: str, body: str) -> str:
    """A mailto: URI (RFC 6068): every reserved character encoded, line breaks as CRLF."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return (
        f"mailto:{quote(to, safe='@')}"
        f"?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    )
