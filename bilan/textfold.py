"""Accent and case folding shared by every search in Bilan: pure Python, no Django.

One function, so that a word folds the same way wherever it is stored and wherever it is
searched: trace search (`evidence.search`), skill labels (`skills.textnorm`), the feedback
review's sensitive-word spotting, and the coach's features (`coach.features`). It sits below
every package, the pure ones included. Unicode decomposition alone leaves ligatures alone ("œ" has
no decomposition), so they are spelt out first.
"""

from __future__ import annotations

import unicodedata

# Letters NFKD does not decompose, spelt out as a French reader would type them without the
# ligature. Upper case is folded by casefold() afterwards ("ß" casefolds to "ss" by itself).
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ẞ": "SS"})


def fold(text: str) -> str:
    """Lower case, no accents, no ligatures: "Cœur ÉLÈVE Straße" → "coeur eleve strasse".

    The result may be longer than the text (one "œ" gives "oe"); callers that need offsets in
    the original fold it one character at a time.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
