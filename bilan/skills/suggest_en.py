"""English passages: the same matching as the French one, over word stems.

Bilan ships no English spaCy model, so English labels and sentences are reduced with the
Snowball stemmer (already used for search): stopwords out, each word stemmed, then the
French module's index finds a label's stems in order, at most two content words apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import snowballstemmer

from bilan.coach.lang import get_lexicon

from .suggest import LABEL_PREFIX, Index, Match, Passage
from .textnorm import normalise

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_STEMMER = snowballstemmer.stemmer("english")


def _stopwords() -> frozenset[str]:
    return frozenset(get_lexicon("en").stopwords)


def stems(text: str) -> list[str]:
    stop = _stopwords()
    words = [w.lower() for w in _WORD.findall(text)]
    kept = [w for w in words if w not in stop and len(w) > 1]
    return [normalise(stem) for stem in _STEMMER.stemWords(kept) if normalise(stem)]


def stem_keys_for(label: str, alt_labels: str) -> list[str]:
    """Label and alternative labels as "l:stem stem" lines, like the French lemma keys."""
    phrases = [label, *alt_labels.splitlines()]
    keys = [LABEL_PREFIX + " ".join(stems(phrase)) for phrase in phrases if stems(phrase)]
    return list(dict.fromkeys(keys))


def find_en(passages: Sequence[Passage], index: Index) -> list[Match]:
    """The first sentence of each English passage that supports each skill."""
    matches: dict[int, Match] = {}
    for passage in passages:
        for sentence in _SENTENCE.split(passage.text):
            sentence = sentence.strip()
            if not sentence:
                continue
            for skill_id in sorted(index.skills_in(stems(sentence))):
                if skill_id not in matches:
                    matches[skill_id] = Match(skill_id, sentence[:1000], passage.source)
    return list(matches.values())
