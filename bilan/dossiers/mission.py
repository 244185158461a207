"""Split a mission as written in a convention or fiche mission into candidate objectives."""

from __future__ import annotations

import re

# Bullets, numbers ("1.", "2)", "3°"), letters ("a)", "b.") and roman numerals ("iv.").
_ITEM_MARK = re.compile(
    r"^\s*(?:[-*•·–—▪◦●○►▶➢➤✓✔→]+|\(?\d{1,2}\s*[.)°-]|\(?[a-zA-Z][.)]|\(?[ivxIVX]{1,4}[.)])\s*"
)
_TRAILING = re.compile(r"[\s;,.]+$")
_MAX_HEADING_WORDS = 8


def _is_heading(line: str) -> bool:
    # "Activités confiées :" introduces a list; it is not an objective itself.
    return line.rstrip().endswith(":") and len(line.split()) <= _MAX_HEADING_WORDS


def _tidy(item: str) -> str:
    item = _TRAILING.sub("", " ".join(item.split()))
    return item[:1].upper() + item[1:]


def _split_semicolons(item: str) -> list[str]:
    parts = [part.strip() for part in item.split(";")]
    if len(parts) > 1 and all(len(part.split()) >= 3 for part in parts if part):
        return [part for part in parts if part]
    return [item]


def split_mission(text: str) -> list[str]:
    """One objective per bullet, numbered item or line; wrapped lines rejoin their item."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    has_marks = any(_ITEM_MARK.match(line) and line.strip() for line in lines)
    items: list[str] = []
    continuing = False
    for raw in lines:
        line = raw.strip()
        if not line:
            continuing = False
            continue
        mark = _ITEM_MARK.match(raw)
        if mark and raw[mark.end() :].strip():
            items.append(raw[mark.end() :].strip())
            continuing = True
        elif _is_heading(line):
            continuing = False
        elif has_marks and continuing and (raw[:1].isspace() or line[:1].islower()):
            items[-1] = f"{items[-1]} {line}"
        else:
            if ":" in line and _is_heading(line.split(":", 1)[0] + ":"):
                # "Missions : analyser ...; rédiger ..." on one line.
                line = line.split(":", 1)[1].strip()
            if line:
                items.append(line)
            continuing = True
    objectives: list[str] = []
    seen: set[str] = set()
    for item in items:
        for part in _split_semicolons(item):
            tidy = _tidy(part)
            key = tidy.casefold()
            if tidy and key not in seen:
                seen.add(key)
                objectives.append(tidy)
    return objectives
