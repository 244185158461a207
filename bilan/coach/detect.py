"""Language detection by stopword ratio: enough for French vs English journal text."""

from __future__ import annotations

import re

from bilan.coach.lang import get_lexicon
from bilan.coach.textutil import normalise_quotes, words

DEFAULT_LANGUAGE = "fr"
_ACCENTS = re.compile(r"[éèêàùçôîœ]", re.IGNORECASE)
# Looking at the first words is enough and keeps detection cheap on long texts.
_SAMPLE_WORDS = 5000


def detect_language(text: str) -> str:
    """``"fr"`` or ``"en"``, whichever has more stopwords; French when undecided."""
    fr = get_lexicon("fr").stopwords
    en = get_lexicon("en").stopwords
    score_fr = score_en = 0
    for word in words(normalise_quotes(text).lower())[:_SAMPLE_WORDS]:
        # "j'ai" is one \w+ run with its apostrophe; split to count "j" and "ai".
        for part in word.split("'"):
            if part in fr:
                score_fr += 1
            if part in en:
                score_en += 1
    if score_en == score_fr:
        # Too few function words to decide: French accents tip the balance.
        return DEFAULT_LANGUAGE if _ACCENTS.search(text) or not score_en else "en"
    return "en" if score_en > score_fr else DEFAULT_LANGUAGE
