"""Accent- and case-insensitive keys for searching skill labels (no Django, no spaCy)."""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "’": "'", "ß": "ss"})
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """ "Réactivité " → "reactivite": no accents, casefolded, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def split_lines(text: str) -> list[str]:
    """Alternative labels are stored one per line; ESCO also uses newlines, custom CSV uses |."""
    parts = re.split(r"[\n|]", text)
    seen: dict[str, str] = {}
    for part in parts:
        part = part.strip()
        if part and part.casefold() not in seen:
            seen[part.casefold()] = part
    return list(seen.values())


def search_key(*labels: str) -> str:
    """The stored search column: every label, normalised, separated so words never merge."""
    return " | ".join(normalise(label) for label in labels if label.strip())
