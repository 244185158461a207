"""Sentence features and labels, computed in one pass over each sentence's tokens.

Kept free of spaCy pipeline machinery so that rules can be tested on hand-built ``Doc``s; the
components in :mod:`bilan.coach.components` only call :func:`sentence_features` and
:func:`label_sentences`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bilan.coach.lang import Lexicon, phrase_alternative
from bilan.coach.structure import LIST_MARKER
from bilan.coach.textutil import is_emoji, normalise_quotes

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# A learning verb needs this many content words after it to count as reflective.
MIN_LEARNING_CONTENT = 3
# "With hindsight, I would ..." already says what changes: a shorter complement is enough.
MIN_HINDSIGHT_CONTENT = 2
# When the trigger closes the sentence ("..., une méthode que je garde") the content precedes it.
MIN_CONTENT_BEFORE = 5
# A change in the writer names its cause first ("Travailler avec les élèves m'a rendu plus sûr
# de moi"): a short cause is content enough.
MIN_CHANGE_CAUSE = 2
# Difficulty words this close after a remedy verb are its object: "pour résoudre ce problème".
REMEDY_WINDOW = 4
MAX_HEADING_WORDS = 8

_DIGIT = re.compile(r"\d")
_PUNCT_RUN = re.compile(r"!{2,}|[!?]{3,}")
_HEADING_MARK = re.compile(
    r"^\s*(?:#{1,6}\s+|(?:\d{1,2}(?:\.\d{1,2}){1,3}\.?|\d{1,2}[.)]|[IVX]{1,4}[.)])\s+)"
)
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_ENUMERATION = re.compile(r":\s*[^,:;]+,[^,:;]+(?:,| et | and )")
_PROPER_NOUN_POS = frozenset({"PROPN"})
# Number-like words that are mostly articles.
_ARTICLES = frozenset({"un", "une", "one", "a"})
_ENTITY_TYPES = frozenset({"PER", "PERSON", "ORG", "LOC", "GPE", "PRODUCT", "DATE"})


@dataclass(frozen=True)
class ToneHit:
    kind: str  # familiar | blame | vulgar | sms | emoji | punctuation
    start: int
    end: int
    word: str
    alternative: str


@dataclass
class SentenceFeatures:
    """Everything the labeller and the findings need to know about one sentence."""

    start: int
    end: int
    word_count: int = 0
    is_heading: bool = False
    heading_text: str = ""
    is_question: bool = False
    thanks: bool = False
    future: bool = False
    example_start: bool = False
    concrete: bool = False
    has_verb: bool = False
    first_person_action: bool = False
    vague_signal: bool = False
    generic: bool = False
    learning_signal: bool = False
    reflective: bool = False
    progress_axis: bool = False
    difficulty: bool = False
    solution_marker: bool = False
    solution_at_start: bool = False
    blame: bool = False
    list_item: bool = False
    tone: list[ToneHit] = field(default_factory=list)
    skills: frozenset[str] = frozenset()


def _content_words(sent: Span, start_char: int, end_char: int, lex: Lexicon) -> int:
    count = 0
    for tok in sent:
        if tok.idx < start_char or tok.idx >= end_char:
            continue
        lower = tok.lower_
        if tok.like_num:
            count += 1
        elif (
            _is_word(tok)
            and len(lower) > 2
            and lower not in lex.stopwords
            and not tok.is_stop
            and lower not in lex.weak_content
            and tok.lemma_.lower() not in lex.weak_content
            and lower not in lex.skill_nouns
        ):
            count += 1
    return count


def _is_word(tok: Token) -> bool:
    # "demi-journées" is a word even though spaCy's is_alpha says no.
    return bool(tok.is_alpha) or (not tok.is_punct and any(ch.isalpha() for ch in tok.text))


def _lookup(table: Mapping[str, str], *keys: str) -> str | None:
    for key in keys:
        if key in table:
            return table[key]
    return None


def sentence_features(
    sent: Span, lex: Lexicon, *, text: str, start: int, end: int, own_line: bool = False
) -> SentenceFeatures:
    """Features of ``sent``; ``start``/``end`` are its character bounds without outer spaces.

    ``text`` is ``sent.doc.text``, passed in because spaCy rebuilds that string on each access.
    ``own_line``: the sentence is followed by a line break and more text, so it may be a heading.
    """
    raw = text[start:end]
    norm = normalise_quotes(raw)
    feats = SentenceFeatures(start=start, end=end)
    feats.is_question = raw.rstrip().endswith("?")
    feats.thanks = bool(lex.thanks.search(norm))
    feats.future = bool(lex.future.search(norm))
    feats.example_start = bool(lex.example_start.search(norm))
    feats.first_person_action = bool(lex.first_person_action.search(norm))

    # Spans where a difficulty word is negated or describes others ("sans difficulté").
    no_diff_spans = [(m.start() + start, m.end() + start) for m in lex.no_difficulty.finditer(norm)]
    has_no_difficulty = bool(no_diff_spans)

    familiar, blame, vulgar, sms = lex.familiar, lex.blame, lex.vulgar, lex.sms

    words = 0
    last_remedy = -100
    acquisition = skill_noun = False
    difficulty_offsets: list[int] = []
    first_alpha = True
    named = False
    for i, tok in enumerate(sent):
        if tok.is_space:
            continue
        lower = tok.lower_
        if tok.like_num or _is_word(tok):
            words += 1
        lemma = tok.lemma_.lower() or lower
        pos = tok.pos_
        if pos in ("VERB", "AUX"):
            feats.has_verb = True
        if tok.like_num and lower not in _ARTICLES:
            feats.concrete = True
        elif lower in lex.months or lower in lex.tools or lemma in lex.tools:
            feats.concrete = True
        elif not first_alpha and tok.is_alpha:
            if pos in _PROPER_NOUN_POS or tok.ent_type_ in _ENTITY_TYPES:
                named = True
            elif not pos and tok.is_title and lower != "i":
                # No tagger (English): a capitalised word inside a sentence is a name or tool.
                named = True
        if tok.is_alpha:
            first_alpha = False
        if lower in lex.evaluative or lemma in lex.evaluative:
            feats.vague_signal = True
        if lemma in lex.feeling_verbs or lower in lex.feeling_verbs:
            feats.vague_signal = True
        if lemma in lex.progress_verbs or lower in lex.progress_verbs:
            feats.vague_signal = True
        if lemma in lex.acquisition_verbs or lower in lex.acquisition_verbs:
            acquisition = True
        if lower in lex.skill_nouns or lemma in lex.skill_nouns:
            skill_noun = True
        if lemma in lex.remedy_words or lower in lex.remedy_words:
            last_remedy = i
        if (
            lower in lex.difficulty_words
            or lemma in lex.difficulty_words
            or (lower.endswith("s") and lower[:-1] in lex.difficulty_words)
        ):
            inside_negated = any(a <= tok.idx < b for a, b in no_diff_spans)
            if i - last_remedy > REMEDY_WINDOW and not inside_negated:
                difficulty_offsets.append(tok.idx)
        # Tone: one look-up per table, on the surface form first (SMS are never lemmatised).
        kind_alt: tuple[str, str] | None = None
        alt = _lookup(sms, lower)
        # Short abbreviations count in lower case only: "PR" (pull request), "TT" or "CT" in
        # capitals are acronyms, not chat spelling.
        if alt is not None and (len(lower) > 2 or tok.text.islower()):
            kind_alt = ("sms", alt)
        elif (alt := _lookup(vulgar, lower)) is not None:
            kind_alt = ("vulgar", alt)
        elif (alt := _lookup(blame, lower)) is not None:
            kind_alt = ("blame", alt)
        elif (alt := _lookup(familiar, lower, lemma)) is not None:
            kind_alt = ("familiar", alt)
        if kind_alt is not None:
            feats.tone.append(
                ToneHit(kind_alt[0], tok.idx, tok.idx + len(tok.text), tok.text, kind_alt[1])
            )
    feats.word_count = words
    if _DIGIT.search(raw):
        feats.concrete = True
    if acquisition and skill_noun:
        feats.vague_signal = True

    # Multi-word cues, matched once per sentence on the normalised text.
    generic = bool(lex.generic.search(norm))
    feats.generic = generic
    if generic:
        feats.vague_signal = True
    elif named:
        # A name makes a sentence concrete, except in a stock phrase ("Le BTP, un beau métier").
        feats.concrete = True
    if skill_noun and not feats.first_person_action:
        # "La comptabilité demande de la rigueur": a general truth about a skill.
        feats.vague_signal = True
    if _ENUMERATION.search(norm):
        feats.concrete = True
    for m in lex.familiar_re.finditer(norm):
        alt = phrase_alternative(lex.familiar_alternatives, m)
        feats.tone.append(ToneHit("familiar", start + m.start(), start + m.end(), m.group(0), alt))
    for m in lex.blame_re.finditer(norm):
        alt = phrase_alternative(lex.blame_alternatives, m)
        feats.tone.append(ToneHit("blame", start + m.start(), start + m.end(), m.group(0), alt))
    for m in _PUNCT_RUN.finditer(raw):
        feats.tone.append(
            ToneHit("punctuation", start + m.start(), start + m.end(), m.group(0), "")
        )
    for offset, char in enumerate(raw):
        if ord(char) > 0x2000 and is_emoji(char):
            feats.tone.append(ToneHit("emoji", start + offset, start + offset + 1, char, ""))
    feats.tone.sort(key=lambda hit: hit.start)
    feats.blame = any(hit.kind in ("blame", "vulgar") for hit in feats.tone)

    # Reflection: a learning / hindsight / progress-axis cue followed by real content.
    # Where the learned content starts: problems named after it are part of the lesson.
    lesson_start = len(norm)
    triggers = (
        (lex.learning, False, MIN_LEARNING_CONTENT, MIN_CONTENT_BEFORE),
        (lex.change, False, MIN_LEARNING_CONTENT, MIN_CHANGE_CAUSE),
        (lex.hindsight, False, MIN_HINDSIGHT_CONTENT, MIN_CONTENT_BEFORE),
        (lex.progress_axis, True, MIN_LEARNING_CONTENT, MIN_CONTENT_BEFORE),
    )
    for pattern, is_axis, needed, needed_before in triggers:
        for m in pattern.finditer(norm):
            feats.learning_signal = True
            after = _content_words(sent, start + m.end(), end, lex)
            before = 0
            if after < needed:
                before = _content_words(sent, start, start + m.start(), lex)
            if after >= needed or before >= needed_before:
                feats.reflective = True
                feats.progress_axis = feats.progress_axis or is_axis
                if not is_axis and after >= needed:
                    lesson_start = min(lesson_start, m.end())
    if feats.learning_signal and not feats.reflective:
        feats.vague_signal = True

    # Difficulty: words, phrases and negated verbs, unless the sentence denies it.
    difficulty_hits = sum(1 for offset in difficulty_offsets if offset - start < lesson_start)
    phrase = lex.difficulty_phrases.search(norm)
    if phrase and phrase.start() < lesson_start:
        difficulty_hits += 1
    negation = lex.negation.search(norm)
    if (
        negation
        and negation.start() < lesson_start
        and not has_no_difficulty
        and not feats.is_question
        and not norm[: negation.start() + 1].endswith("pour ")
    ):
        difficulty_hits += 1
    feats.difficulty = difficulty_hits > 0 and not feats.is_question
    if has_no_difficulty and difficulty_hits == 0:
        feats.vague_signal = True

    solution = lex.solution_phrases.search(norm)
    if solution:
        feats.solution_marker = True
        feats.solution_at_start = solution.start() == 0
    elif feats.difficulty and re.search(r"[;:]\s*\S", norm):
        # "Problem; what I did": the clause after the semicolon answers the first one.
        tail = norm[norm.find(";") + 1 :] if ";" in norm else norm[norm.find(":") + 1 :]
        feats.solution_marker = bool(lex.first_person_action.search(tail))

    feats.skills = frozenset(
        name for name, pattern in lex.transversal_skills.items() if pattern.search(norm)
    )
    feats.list_item = bool(LIST_MARKER.match(raw))
    feats.is_heading = bool(_MARKDOWN_HEADING.match(raw)) or (
        own_line and _looks_like_heading(raw, words)
    )
    if feats.is_heading:
        feats.heading_text = raw
    return feats


def _looks_like_heading(raw: str, words: int) -> bool:
    stripped = raw.strip()
    if not stripped or "\n" in stripped or words > MAX_HEADING_WORDS:
        return False
    if stripped[-1] in '.!?…;"»':
        return False
    if _HEADING_MARK.match(stripped):
        return True
    return stripped[-1] not in '.!?…;,"»)' and words <= 5 and stripped[0].isupper()


def is_prose(feats: SentenceFeatures, *, has_tagger: bool) -> bool:
    """A sentence of prose: not a heading, and not a list fragment without a verb.

    Without a tagger (English) a list item counts as prose when it reads as a sentence: it ends
    with a full stop or runs long.
    """
    if feats.is_heading or feats.word_count == 0:
        return False
    if not feats.list_item:
        return True
    if has_tagger:
        return feats.has_verb
    return feats.word_count > MAX_HEADING_WORDS


def label_sentences(features: list[SentenceFeatures]) -> list[frozenset[str]]:
    """Labels for each sentence, using its neighbours for illustration and solutions."""
    out: list[frozenset[str]] = []
    previous_difficulty = False
    # Without a tagger (English pipeline) no sentence reports a verb: do not require one.
    has_tagger = any(feats.has_verb for feats in features)
    for index, feats in enumerate(features):
        if feats.is_heading:
            out.append(frozenset())
            previous_difficulty = False
            continue
        following = features[index + 1] if index + 1 < len(features) else None
        illustrated = following is not None and following.example_start
        labels: set[str] = set()
        if feats.tone:
            labels.add("tone")
        if feats.reflective:
            labels.add("reflective")
        if feats.difficulty:
            labels.add("difficulty")
        explicit_solution = feats.solution_marker and (
            feats.solution_at_start or feats.difficulty or previous_difficulty
        )
        contextual_solution = (
            previous_difficulty
            and not feats.difficulty
            and feats.first_person_action
            and not feats.is_question
        )
        if explicit_solution or contextual_solution:
            labels.add("solution")
        closed = feats.is_question or feats.thanks
        if (
            feats.vague_signal
            and not feats.concrete
            and not illustrated
            and not feats.blame
            and not closed
            # A plan ("J'aimerais devenir ...") is not a claim, unless it is a stock phrase.
            and (feats.generic or not feats.future)
            and not labels & {"reflective", "difficulty", "solution"}
        ):
            labels.add("vague")
        if (
            not labels & {"vague", "reflective", "difficulty", "tone"}
            and not explicit_solution
            and not closed
            and not feats.future
            and feats.word_count >= 3
            and (feats.has_verb or not has_tagger)
        ):
            labels.add("descriptive")
        out.append(frozenset(labels))
        previous_difficulty = feats.difficulty and "solution" not in labels
    return out
