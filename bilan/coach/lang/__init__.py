"""Per-language word lists and messages for the writing coach.

Each language lives in its own data module (``fr``, ``en``) that builds one :class:`Lexicon`.
Rules in :mod:`bilan.coach.rules` only read these objects, so adding a language means adding a
module here and nothing else.

Why phrase lists are compiled regular expressions and not spaCy's ``PhraseMatcher`` /
``Matcher``: several entries are patterns, not phrases (inflections and optional words, as in
``(?:ne )?serv(?:ait|aient|ent|ir) à rien``), which a ``PhraseMatcher`` cannot hold and a
``Matcher`` would need rewritten token by token for each language's tokenizer (English's
blank tokenizer splits "gonna" in two; French splits "j'ai" after the apostrophe). They are
matched once per sentence on its normalised text: all fourteen French lists take about 42 µs a
sentence (5,000 corpus sentences in 210 ms on the 2-core development machine), a few per cent
of what parsing that sentence costs, so a matcher would not make the coach measurably faster.
The learned model (:mod:`bilan.coach.model`) decides the labels; these lists feed it cues and
explain its findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

SUPPORTED_LANGUAGES: tuple[str, ...] = ("fr", "en")


def phrases(items: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive alternation, bounded on words, longest phrase first.

    Lexicon modules write phrases in plain lower case with ``'`` apostrophes; the text they are
    matched against is normalised the same way (see ``rules.normalise``).
    """
    return _bounded("|".join(_spaced(item) for item in _longest_first(items)))


def phrase_table(mapping: Mapping[str, str]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """:func:`phrases` for a mapping of phrase to alternative, and the alternatives in the
    pattern's order: each phrase is a named group (``p0``, ``p1`` …), so a match says itself
    which phrase it was, look-arounds included (:func:`phrase_alternative`)."""
    ordered = _longest_first(mapping)
    body = "|".join(f"(?P<p{index}>{_spaced(item)})" for index, item in enumerate(ordered))
    return _bounded(body), tuple(mapping[item] for item in ordered)


def phrase_alternative(alternatives: tuple[str, ...], match: re.Match[str]) -> str:
    """The alternative of the phrase a :func:`phrase_table` pattern matched."""
    return alternatives[int(match.lastgroup[1:])] if match.lastgroup else ""


def _longest_first(items: Iterable[str]) -> list[str]:
    # Ties in alphabetical order: the same alternation in every process.
    return sorted(set(items), key=lambda item: (-len(item), item))


def _spaced(item: str) -> str:
    # Pasted text often has double spaces (or blanked control characters) between words.
    return item.replace(" ", r"\s+")


def _bounded(body: str) -> re.Pattern[str]:
    # The closing boundary also holds when the phrase itself ends on a space or apostrophe.
    return re.compile(rf"(?<![\w])(?:{body})(?:(?<!\w)|(?!\w))", re.IGNORECASE)


@dataclass(frozen=True)
class Messages:
    """Finding texts. ``{placeholders}`` are filled with ``str.format``."""

    vague: str
    vague_suggestion: str
    vague_learning_suggestion: str
    tone_familiar: str
    tone_familiar_suggestion: str
    tone_blame: str
    tone_blame_suggestion: str
    tone_vulgar: str
    tone_vulgar_suggestion: str
    tone_sms: str
    tone_sms_suggestion: str
    tone_emoji: str
    tone_emoji_suggestion: str
    tone_punctuation: str
    tone_punctuation_suggestion: str
    difficulty_alone: str
    difficulty_alone_suggestion: str
    no_difficulty: str
    no_difficulty_suggestion: str
    mostly_descriptive: str
    mostly_descriptive_suggestion: str
    few_skills: str
    few_skills_suggestion: str
    few_progress_axes: str
    few_progress_axes_suggestion: str
    no_future: str
    no_future_suggestion: str
    too_long: str
    too_long_suggestion: str
    missing_section: str
    missing_section_suggestion: str
    text_too_long: str
    section_names: Mapping[str, str] = field(default_factory=dict)
    none_word: str = "none"
    # Command-line report.
    label_names: Mapping[str, str] = field(default_factory=dict)
    summary: str = "{words} words, {sentences} sentences, {share} % reflective"
    summary_one_sentence: str = "{words} words, 1 sentence, {share} % reflective"
    document_heading: str = "Whole text"
    no_findings: str = "No findings."
    uncertain: str = "uncertain"
    # When the learned model decides a label the rules did not see.
    model_decided: str = (
        "(The coach's model reads it as {label}, although no typical word gives it away.)"
    )
    tone_sentence: str = "The register of this sentence reads as familiar."
    tone_sentence_suggestion: str = (
        "Rephrase it as you would write to your tutor: neutral words, no slang or abbreviations."
    )


@dataclass(frozen=True)
class Lexicon:
    """Everything a rule needs to know about one language."""

    code: str
    # Function words: language detection and "content word" counts.
    stopwords: frozenset[str]
    # -- vague ---------------------------------------------------------------------------
    evaluative: frozenset[str]
    feeling_verbs: frozenset[str]
    progress_verbs: frozenset[str]
    acquisition_verbs: frozenset[str]
    skill_nouns: frozenset[str]
    # Words that carry no illustration: "beaucoup de choses", "le monde de l'entreprise".
    generic: re.Pattern[str]
    # -- reflective ----------------------------------------------------------------------
    # Each pattern ends where the learned content starts; the rule counts content words after it.
    learning: re.Pattern[str]
    # A change in the writer ("m'a rendu plus sûr de moi"): its content is often its cause,
    # written before the trigger.
    change: re.Pattern[str]
    hindsight: re.Pattern[str]
    progress_axis: re.Pattern[str]
    # Words that do not count as content after a learning verb ("être plus", "mieux").
    weak_content: frozenset[str]
    # -- difficulty / solution -----------------------------------------------------------
    difficulty_words: frozenset[str]
    difficulty_phrases: re.Pattern[str]
    no_difficulty: re.Pattern[str]
    # Difficulty words right after these are the object of a fix ("pour résoudre ce problème").
    remedy_words: frozenset[str]
    solution_phrases: re.Pattern[str]
    # A first-person action clause: needed for a difficulty-then-action solution.
    first_person_action: re.Pattern[str]
    negation: re.Pattern[str]
    # -- none of the above ---------------------------------------------------------------
    thanks: re.Pattern[str]
    future: re.Pattern[str]
    example_start: re.Pattern[str]
    # -- concreteness --------------------------------------------------------------------
    months: frozenset[str]
    tools: frozenset[str]
    units: frozenset[str]
    # -- tone ----------------------------------------------------------------------------
    familiar: Mapping[str, str]
    familiar_phrases: Mapping[str, str]
    blame: Mapping[str, str]
    blame_phrases: Mapping[str, str]
    vulgar: Mapping[str, str]
    sms: Mapping[str, str]
    # -- document level ------------------------------------------------------------------
    transversal_skills: Mapping[str, re.Pattern[str]]
    trame: Mapping[str, re.Pattern[str]]
    messages: Messages
    # Derived once: phrase alternations for tone lookups, and their alternatives in order.
    familiar_re: re.Pattern[str] = field(init=False)
    familiar_alternatives: tuple[str, ...] = field(init=False)
    blame_re: re.Pattern[str] = field(init=False)
    blame_alternatives: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        for name in ("familiar", "blame"):
            pattern, alternatives = phrase_table(getattr(self, f"{name}_phrases"))
            object.__setattr__(self, f"{name}_re", pattern)
            object.__setattr__(self, f"{name}_alternatives", alternatives)


def get_lexicon(language: str) -> Lexicon:
    """The lexicon for ``language`` ("fr" or "en")."""
    if language == "fr":
        from bilan.coach.lang.fr import LEXICON as FR

        return FR
    if language == "en":
        from bilan.coach.lang.en import LEXICON as EN

        return EN
    raise ValueError(f"unsupported language: {language!r} (expected one of {SUPPORTED_LANGUAGES})")
