"""Split a mission as written in a convention or fiche mission into candidate objectives.

Missions arrive as typed lists, but just as often pasted from a PDF: on one line with inline
bullets ("Missions : - Analyser … - Rédiger …"), numbered inline ("1) … 2) …"), or wrapped
mid-item with words hyphenated across lines. A hyphen inside a word ("e-mail", "Saint-Denis")
or a dash between dates ("mars - juin", "2 - 6 mars") never separates two objectives.
"""

from __future__ import annotations

import re

# Bullets, numbers ("1.", "2)", "3°"), letters ("a)", "b.") and roman numerals ("iv.").
_ITEM_MARK = re.compile(
    r"^\s*(?:[-*•·–—▪◦●○►▶➢➤✓✔→]+|\(?\d{1,2}\s*[.)°-]|\(?[a-zA-Z][.)]|\(?[ivxIVX]{1,4}[.)])\s*"
)
_TRAILING = re.compile(r"[\s;,.:]+$")
_MAX_HEADING_WORDS = 8

# A word cut at the end of a PDF line: "dévelop-\npement" → "développement".
_HYPHENATED = re.compile(r"(\w)-[ \t]*\n[ \t]*([a-zà-öø-ÿœ])")
# Bullet signs that never occur inside a word once surrounded by spaces.
_INLINE_BULLET = re.compile(r"(?:^|\s)[•▪◦●○►▶➢➤✓✔→*]\s+|\s·\s+")
# Dashes used as inline bullets must stand alone between spaces.
_INLINE_DASH = re.compile(r"(?:^|\s)[-–—]\s+")
_INLINE_NUMBER = re.compile(r"(?:^|\s)\(?(\d{1,2})\s*[.)]\s+(?=\w)")
_SENTENCE_END = re.compile(r"[.!?;:]$")

_DATE_WORDS = frozenset(
    """janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre
    décembre decembre janv févr fevr avr juil sept oct nov déc dec lundi mardi mercredi jeudi
    vendredi samedi dimanche january february march april may june july august september
    october november december jan feb mar apr jun jul aug sep monday tuesday wednesday
    thursday friday saturday sunday h""".split()
)


def _is_heading(line: str) -> bool:
    # "Activités confiées :" introduces a list; it is not an objective itself.
    line = line.rstrip()
    return (
        line.endswith(":")
        and len(line.split()) <= _MAX_HEADING_WORDS
        and any(char.isalpha() for char in line)
    )


_INTRO_WORDS = re.compile(
    r"\b(?:missions?|activit[ée]s?|t[âa]ches?|objectifs?|r[ôo]les?|responsabilit[ée]s?|"
    r"comp[ée]tences?|travaux|fonctions?|tasks?|duties|activities)\b",
    re.IGNORECASE,
)


def _drop_intro(item: str) -> str:
    """ "Missions : analyser …" → "analyser …"; "Communication : animer …" keeps its theme."""
    while True:
        head, colon, rest = item.partition(":")
        if not (colon and rest.strip() and _is_heading(head + ":") and _INTRO_WORDS.search(head)):
            return item
        item = rest.strip()


_LEADING_MARKS = re.compile(r"^[-*•·–—▪◦●○►▶➢➤✓✔→\s]+")


def _tidy(item: str) -> str:
    item = _LEADING_MARKS.sub("", _TRAILING.sub("", " ".join(item.split())))
    # "- 1) Analyser": a bullet before a number, as some conventions nest them.
    while (mark := _ITEM_MARK.match(item)) and item[mark.end() :].strip():
        item = item[mark.end() :]
    return item[:1].upper() + item[1:]


def _split_semicolons(item: str) -> list[str]:
    parts = [part.strip() for part in item.split(";")]
    if len(parts) > 1 and all(len(part.split()) >= 3 for part in parts if part):
        return [part for part in parts if part]
    return [item]


def _datelike(word: str) -> bool:
    word = word.strip("()[],.;:").casefold()
    return any(char.isdigit() for char in word) or word in _DATE_WORDS


def _dash_cuts(line: str) -> list[tuple[int, int]]:
    """Spans of dashes that separate items; a dash between two dates or times is a range."""
    cuts = []
    for match in _INLINE_DASH.finditer(line):
        before = line[: match.start()].split()
        after = line[match.end() :].split()
        if not after:
            continue
        if before and _datelike(before[-1]) and _datelike(after[0]):
            continue
        cuts.append((match.start(), match.end()))
    return cuts


def _number_cuts(line: str) -> list[tuple[int, int]]:
    """Inline "1) … 2) …" or "1. … 2. …": a run counting up from 1 (or from the line's start)."""
    matches = list(_INLINE_NUMBER.finditer(line))
    for index, first in enumerate(matches):
        if int(first.group(1)) != 1 and first.start() > 0:
            continue
        run, expected = [first], int(first.group(1)) + 1
        for later in matches[index + 1 :]:
            if int(later.group(1)) == expected:
                run.append(later)
                expected += 1
        if len(run) >= 2:
            return [(match.start(), match.end()) for match in run]
    return []


def _cut(line: str, cuts: list[tuple[int, int]]) -> list[str]:
    parts, last = [], 0
    for start, end in cuts:
        parts.append(line[last:start])
        last = end
    parts.append(line[last:])
    return [part.strip() for part in parts]


def _explode_inline(line: str) -> list[str]:
    """One pasted line holding several items becomes one "- item" line per item."""
    prefix, body = "", line
    if ":" in line:
        head, rest = line.split(":", 1)
        if _is_heading(head + ":") and rest.strip():
            prefix, body = head + " :", rest.strip()
    for cuts in (
        [(m.start(), m.end()) for m in _INLINE_BULLET.finditer(body)],
        _number_cuts(body),
        _dash_cuts(body),
        # After "Missions :", "; " separates items however short they are.
        [(m.start(), m.end()) for m in re.finditer(r"\s*;\s*", body)] if prefix else [],
    ):
        if not cuts:
            continue
        parts = _cut(body, cuts)
        lead, items = parts[0], [part for part in parts[1:] if part]
        starts_list = not lead or bool(prefix) or _is_heading(lead)
        if not starts_list and len(items) < 2:
            continue
        if not starts_list and not all(item[:1].isupper() for item in items):
            # "Participer au projet – un outil interne – puis …": an aside, not a list.
            continue
        lines = [prefix] if prefix else []
        if lead:
            lines.append(lead if _is_heading(lead) else f"- {lead}")
        return [*lines, *(f"- {item}" for item in items)]
    return [line]


def _rejoin_wrapped(lines: list[str]) -> list[str]:
    """Without any bullets, a line cut mid-sentence (next starts in lowercase) rejoins."""
    joined: list[str] = []
    for line in lines:
        stripped = line.strip()
        if (
            joined
            and joined[-1].strip()
            and stripped[:1].islower()
            and not _SENTENCE_END.search(joined[-1].rstrip())
        ):
            joined[-1] = f"{joined[-1].rstrip()} {stripped}"
        else:
            joined.append(line)
    return joined


def split_mission(text: str) -> list[str]:
    """One objective per bullet, numbered item or line; wrapped lines rejoin their item."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    text = _HYPHENATED.sub(r"\1\2", text)
    lines = [part for raw in text.split("\n") for part in _explode_inline(raw)]
    has_marks = any(_ITEM_MARK.match(line) and line.strip() for line in lines)
    if not has_marks:
        lines = _rejoin_wrapped(lines)
    items: list[str] = []
    continuing = False
    for raw in lines:
        line = raw.strip()
        if not line:
            continuing = False
            continue
        mark = _ITEM_MARK.match(raw)
        if mark and raw[mark.end() :].strip() and not _is_heading(raw[mark.end() :]):
            items.append(_drop_intro(raw[mark.end() :].strip()))
            continuing = True
        elif _is_heading(line):
            continuing = False
        elif has_marks and continuing and (raw[:1].isspace() or line[:1].islower()):
            items[-1] = f"{items[-1]} {line}"
        else:
            # "Missions : analyser ...; rédiger ..." on one line.
            line = _drop_intro(line)
            if line:
                items.append(line)
            continuing = True
    objectives: list[str] = []
    seen: set[str] = set()
    for item in items:
        for part in _split_semicolons(item):
            tidy = _tidy(part)
            key = tidy.casefold()
            if any(char.isalnum() for char in tidy) and key not in seen:
                seen.add(key)
                objectives.append(tidy)
    return objectives


# "Former les équipes et rédiger le guide": "et" before an infinitive joins two tasks.
_AND_INFINITIVE = re.compile(r"\s+(?:et|puis|ainsi que)\s+(\w+)", re.IGNORECASE)
_INFINITIVE = re.compile(r"\w{2,}(?:er|ir|re)$", re.IGNORECASE)
_NOT_VERBS = frozenset(
    """autre entre notre votre contre centre membre nombre ordre titre chiffre lettre offre
    livre libre propre cadre dossier fichier premier dernier papier métier chantier
    calendrier courrier atelier quartier clavier fournisseur plaisir avenir désir loisir
    super power cahier""".split()
)


def _split_on_and(title: str) -> list[str]:
    parts, last = [], 0
    for match in _AND_INFINITIVE.finditer(title):
        word = match.group(1)
        if _INFINITIVE.match(word) and word.casefold() not in _NOT_VERBS:
            parts.append(title[last : match.start()])
            last = match.start(1)
    parts.append(title[last:])
    if len(parts) > 1 and all(len(part.split()) >= 2 for part in parts):
        return parts
    return [title]


def split_objective(title: str) -> list[str]:
    """Where one objective could be cut: bullets, "; ", sentences, then "et" + infinitive."""
    parts = split_mission(title)
    if len(parts) < 2:
        pieces = re.split(r"\s*;\s+|(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ])", title.strip())
        parts = [_tidy(piece) for piece in pieces if piece.strip()]
    if len(parts) < 2:
        parts = [_tidy(piece) for piece in _split_on_and(title.strip())]
    return [part for part in parts if part]
