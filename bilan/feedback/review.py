"""Help for raters before they submit: vague or unprofessional wording (the coach) and
content a comment about a person should not hold (CNIL: health, private life, opinions,
insults). Advice only: the rater may submit anyway.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bilan.coach import TextTooLong, analyse
from bilan.textfold import fold

from . import lexicon

COACH_CODES = frozenset({"vague", "tone"})

MESSAGES: dict[str, tuple[Promise, Promise]] = {
    "health": (
        _("Information sur la santé : « %(excerpt)s »."),
        _(
            "L'état de santé est une donnée sensible : une appréciation de stage n'en parle "
            "pas. Décrivez plutôt le travail observé."
        ),
    ),
    "private_life": (
        _("Vie privée : « %(excerpt)s »."),
        _("Tenez-vous-en à ce que vous avez observé dans le cadre du travail."),
    ),
    "opinions": (
        _("Opinions politiques, religieuses ou syndicales : « %(excerpt)s »."),
        _("Ces informations sont sensibles et sans rapport avec le stage : retirez-les."),
    ),
    "insults": (
        _("Terme blessant ou excessif : « %(excerpt)s »."),
        _(
            "Critiquez un fait précis plutôt que la personne, et dites ce qui pourrait être "
            "fait autrement."
        ),
    ),
}


@dataclass(frozen=True)
class Flag:
    field: str
    code: str
    excerpt: str
    message: str
    suggestion: str


def _fold(text: str) -> tuple[str, list[int]]:
    """Text folded as every search folds it, and for each of its characters the original index."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        # One character at a time, so each folded one ("œ" gives two) knows where it came from.
        for folded in fold(char):
            chars.append(folded)
            origin.append(index)
    return "".join(chars), origin


def _entry_pattern(entry: str) -> str:
    words = []
    for word in entry.split():
        prefix = word.endswith("*")
        word = re.escape(word.rstrip("*"))
        words.append(word + (r"\w*" if prefix else ""))
    return r"[\s'’-]+".join(words)


@functools.cache
def _patterns(language: str) -> dict[str, re.Pattern[str]]:
    return {
        category: re.compile(
            r"(?<!\w)(?:" + "|".join(_entry_pattern(entry) for entry in entries) + r")(?!\w)"
        )
        for category, entries in lexicon.words(language).items()
    }


def sensitive_spans(text: str, language: str) -> list[tuple[str, int, int]]:
    """(category, start, end) of each sensitive word in `text`, offsets into `text`."""
    folded, origin = _fold(text)
    spans = []
    for category, pattern in _patterns(language[:2]).items():
        for match in pattern.finditer(folded):
            spans.append((category, origin[match.start()], origin[match.end() - 1] + 1))
    return sorted(spans, key=lambda span: span[1])


def _sensitive_flags(field: str, text: str, language: str) -> list[Flag]:
    flags = []
    for category, start, end in sensitive_spans(text, language):
        message, suggestion = MESSAGES[category]
        excerpt = text[start:end]
        flags.append(
            Flag(field, category, excerpt, str(message) % {"excerpt": excerpt}, str(suggestion))
        )
    return flags


def _coach_flags(field: str, text: str, language: str) -> list[Flag]:
    try:
        analysis = analyse(text, language=language[:2] if language[:2] in {"fr", "en"} else None)
    except TextTooLong:
        return []
    return [
        Flag(
            field,
            finding.code,
            text[finding.start : finding.end],
            finding.message,
            finding.suggestion,
        )
        for finding in analysis.findings
        if finding.scope == "sentence" and finding.code in COACH_CODES
    ]


def comment_review(
    *, texts: dict[str, str], language: str, coached: frozenset[str] = frozenset()
) -> list[Flag]:
    """Flags for each text; the coach reads only the fields in `coached` (sentences)."""
    flags: list[Flag] = []
    for field, text in texts.items():
        if not text.strip():
            continue
        flags += _sensitive_flags(field, text, language)
        if field in coached:
            flags += _coach_flags(field, text, language)
    return flags
