"""Accent- and case-insensitive keys for searching skill labels (no Django, no spaCy)."""

from __future__ import annotations

import re

from bilan.textfold import fold

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """ "Réactivité  du cœur " → "reactivite du coeur": folded (`core.text`), single spaces."""
    return _SPACES.sub(" ", fold(text.replace("’", "'"))).strip()


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
