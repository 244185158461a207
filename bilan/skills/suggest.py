"""Find framework skills the intern's own text gives evidence of, with the sentence as proof.

Labels, alternative labels and cue words are lemmatised once (kept in `Skill.lemma_keys`); each
sentence of the text is lemmatised and a label matches when its content lemmas appear in the
sentence in order, at most two content words apart. Determiners, prepositions, pronouns,
auxiliaries and punctuation are ignored on both sides; lemmas are compared without accents
or case.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .nlp import unneeded
from .textnorm import normalise

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

IGNORED_POS = {"DET", "ADP", "PRON", "CCONJ", "SCONJ", "PUNCT", "SPACE", "AUX", "PART", "NUM"}
MAX_GAP = 2
LABEL_PREFIX, CUE_PREFIX = "l:", "c:"


@dataclass(frozen=True)
class Passage:
    source: str
    text: str


@dataclass(frozen=True)
class Match:
    skill_id: int
    sentence: str
    source: str


def content_lemmas(doc: Doc | Iterable) -> list[str]:
    lemmas = []
    for token in doc:
        if token.pos_ in IGNORED_POS or token.is_punct or token.is_space:
            continue
        lemma = normalise(token.lemma_ or token.text)
        if lemma:
            lemmas.append(lemma)
    return lemmas


def lemma_keys_for(nlp: Language, phrases: Sequence[tuple[str, str]]) -> list[str]:
    """(prefix, phrase) pairs → "prefix:lemma lemma" lines; empty phrases are dropped."""
    docs = nlp.pipe((phrase for _, phrase in phrases), disable=unneeded(nlp, sentences=False))
    keys = []
    for (prefix, _phrase), doc in zip(phrases, docs, strict=True):
        lemmas = content_lemmas(doc)
        if lemmas:
            keys.append(prefix + " ".join(lemmas))
    return list(dict.fromkeys(keys))


def skill_phrases(label: str, alt_labels: str, cues: str) -> list[tuple[str, str]]:
    phrases = [(LABEL_PREFIX, label)] if label else []
    phrases += [(LABEL_PREFIX, alt) for alt in alt_labels.splitlines() if alt.strip()]
    phrases += [(CUE_PREFIX, cue) for cue in cues.splitlines() if cue.strip()]
    return phrases


class Index:
    """Lemma sequences by their first lemma, for a quick scan of each sentence."""

    def __init__(self, keys_by_skill: dict[int, str]) -> None:
        self.by_first: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for skill_id, keys in keys_by_skill.items():
            for line in keys.splitlines():
                lemmas = tuple(line[2:].split())
                if lemmas:
                    self.by_first.setdefault(lemmas[0], []).append((skill_id, lemmas))

    def skills_in(self, lemmas: list[str]) -> set[int]:
        found: set[int] = set()
        for start, lemma in enumerate(lemmas):
            for skill_id, sequence in self.by_first.get(lemma, ()):
                if skill_id not in found and _follows(lemmas, start, sequence):
                    found.add(skill_id)
        return found


def _follows(lemmas: list[str], start: int, sequence: tuple[str, ...]) -> bool:
    position = start
    for wanted in sequence[1:]:
        window = lemmas[position + 1 : position + 2 + MAX_GAP]
        if wanted not in window:
            return False
        position += 1 + window.index(wanted)
    return True


def find(nlp: Language, passages: Sequence[Passage], index: Index) -> list[Match]:
    """The first sentence that supports each skill, in the order of the passages."""
    matches: dict[int, Match] = {}
    docs = nlp.pipe((p.text for p in passages), disable=unneeded(nlp, sentences=True))
    for passage, doc in zip(passages, docs, strict=True):
        for sentence in doc.sents:
            for skill_id in sorted(index.skills_in(content_lemmas(sentence))):
                text = sentence.text.strip()
                if skill_id not in matches and text:
                    matches[skill_id] = Match(skill_id, text[:1000], passage.source)
    return list(matches.values())
