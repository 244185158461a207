"""Advice built from labelled sentences: per sentence, then for the text as a whole."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bilan.coach.lang import Lexicon, Messages
from bilan.coach.results import LABELS, UNCERTAIN_BELOW, Figures, Finding
from bilan.coach.rules import SentenceFeatures
from bilan.coach.textutil import WORDS_PER_PAGE

# Below this many words a text is a journal line, not a review: no document-level advice.
MIN_DOCUMENT_WORDS = 120
MIN_REFLECTIVE_SHARE = 0.20
MIN_TRANSVERSAL_SKILLS = 2
MIN_PROGRESS_AXES = 2
MAX_PAGES = 2
# A solution or lesson this many sentences after a difficulty (or one before) answers it.
SOLUTION_WINDOW = 2
MIN_HEADINGS = 2


def _tone_finding(
    messages: Messages, kind: str, start: int, end: int, word: str, alt: str
) -> Finding:
    templates = {
        "familiar": (messages.tone_familiar, messages.tone_familiar_suggestion),
        "blame": (messages.tone_blame, messages.tone_blame_suggestion),
        "vulgar": (messages.tone_vulgar, messages.tone_vulgar_suggestion),
        "sms": (messages.tone_sms, messages.tone_sms_suggestion),
        "emoji": (messages.tone_emoji, messages.tone_emoji_suggestion),
        "punctuation": (messages.tone_punctuation, messages.tone_punctuation_suggestion),
    }
    message, suggestion = templates[kind]
    return Finding(
        code="tone",
        start=start,
        end=end,
        message=message.format(word=word),
        suggestion=suggestion.format(word=word, alternative=alt),
    )


def _decided(message: str, label: str, rules: frozenset[str], lex: Lexicon) -> str:
    """``message``, saying so when the model decided ``label`` against the rules."""
    if label in rules:
        return message
    name = lex.messages.label_names.get(label, label)
    return f"{message} {lex.messages.model_decided.format(label=name)}"


def _advised(
    labels: frozenset[str], rules: frozenset[str], margins: Mapping[str, float]
) -> frozenset[str]:
    """The labels worth advice: the model's, except those it is unsure of and the rules do not
    confirm. An uncertain call with nothing to explain it would only be a guess."""
    return frozenset(
        label for label in labels if label in rules or margins.get(label, 1.0) >= UNCERTAIN_BELOW
    )


def sentence_findings(
    features: Sequence[SentenceFeatures],
    labels: Sequence[frozenset[str]],
    rule_labels: Sequence[frozenset[str]],
    margins: Sequence[Mapping[str, float]],
    lex: Lexicon,
) -> list[Finding]:
    """Advice per sentence: the labels decide (the model's), the rules say why and how.

    Word-level tone advice is given only where the sentence is labelled ``tone``: a familiar
    word inside a quotation, say, is not the writer's register.
    """
    messages = lex.messages
    out: list[Finding] = []
    for index, (feats, all_labels, rules, label_margins) in enumerate(
        zip(features, labels, rule_labels, margins, strict=True)
    ):
        sentence_labels = _advised(all_labels, rules, label_margins)
        if "vague" in sentence_labels:
            out.append(
                Finding(
                    code="vague",
                    start=feats.start,
                    end=feats.end,
                    message=_decided(messages.vague, "vague", rules, lex),
                    suggestion=(
                        messages.vague_learning_suggestion
                        if feats.learning_signal
                        else messages.vague_suggestion
                    ),
                )
            )
        if "tone" in sentence_labels:
            for hit in feats.tone:
                out.append(
                    _tone_finding(messages, hit.kind, hit.start, hit.end, hit.word, hit.alternative)
                )
            if not feats.tone:
                out.append(
                    Finding(
                        code="tone",
                        start=feats.start,
                        end=feats.end,
                        message=_decided(messages.tone_sentence, "tone", rules, lex),
                        suggestion=messages.tone_sentence_suggestion,
                    )
                )
        if "difficulty" in sentence_labels and not _answered(labels, index):
            out.append(
                Finding(
                    code="difficulty_without_solution",
                    start=feats.start,
                    end=feats.end,
                    message=_decided(messages.difficulty_alone, "difficulty", rules, lex),
                    suggestion=messages.difficulty_alone_suggestion,
                )
            )
    return out


def _answered(labels: Sequence[frozenset[str]], index: int) -> bool:
    lo = max(0, index - 1)
    hi = min(len(labels), index + SOLUTION_WINDOW + 1)
    return any(labels[i] & {"solution", "reflective"} for i in range(lo, hi))


def compute_figures(
    features: Sequence[SentenceFeatures],
    labels: Sequence[frozenset[str]],
    prose: Sequence[bool],
    word_count: int,
) -> Figures:
    """Counts and shares over prose sentences only (headings and list fragments excluded)."""
    body = [i for i in range(len(features)) if prose[i]]
    counts = {label: sum(1 for i in body if label in labels[i]) for label in LABELS}
    total = len(body)
    skills: set[str] = set()
    for i in body:
        # A skill counts once it appears in a sentence that is not itself vague.
        if "vague" not in labels[i]:
            skills |= features[i].skills
    return Figures(
        word_count=word_count,
        sentence_count=total,
        page_estimate=round(word_count / WORDS_PER_PAGE, 2),
        reflective_share=round(counts["reflective"] / total, 3) if total else 0.0,
        descriptive_share=round(counts["descriptive"] / total, 3) if total else 0.0,
        label_counts=counts,
        transversal_skills=tuple(sorted(skills)),
        progress_axes=sum(1 for i in body if features[i].progress_axis),
        has_future=any(features[i].is_question or features[i].future for i in body),
        is_document=word_count >= MIN_DOCUMENT_WORDS,
    )


def document_findings(
    features: Sequence[SentenceFeatures],
    labels: Sequence[frozenset[str]],
    prose: Sequence[bool],
    figures: Figures,
    lex: Lexicon,
) -> list[Finding]:
    messages = lex.messages
    out: list[Finding] = []
    body = [i for i in range(len(features)) if prose[i]]
    if not body:
        return out
    first, last = features[body[0]], features[body[-1]]
    whole = (first.start, last.end)
    headings = _trame_headings(features, lex)

    if figures.word_count > MAX_PAGES * WORDS_PER_PAGE:
        overflow = _sentence_at_word(features, MAX_PAGES * WORDS_PER_PAGE)
        out.append(
            Finding(
                code="too_long",
                start=overflow.start,
                end=last.end,
                message=messages.too_long.format(
                    words=figures.word_count,
                    pages=round(figures.word_count / WORDS_PER_PAGE, 1),
                ),
                suggestion=messages.too_long_suggestion.format(limit=MAX_PAGES * WORDS_PER_PAGE),
                scope="document",
            )
        )
    if not figures.is_document:
        return out

    def anchor(section: str, default: tuple[int, int]) -> tuple[int, int]:
        heading = headings.get(section)
        return (heading.start, heading.end) if heading is not None else default

    if figures.label_counts.get("difficulty", 0) == 0:
        start, end = anchor("difficulties", whole)
        out.append(
            Finding(
                "no_difficulty",
                start,
                end,
                messages.no_difficulty,
                messages.no_difficulty_suggestion,
                "document",
            )
        )
    if figures.reflective_share < MIN_REFLECTIVE_SHARE:
        descriptive = [i for i in body if "descriptive" in labels[i]]
        target = features[descriptive[0]] if descriptive else first
        out.append(
            Finding(
                "mostly_descriptive",
                target.start,
                target.end,
                messages.mostly_descriptive.format(
                    share=round(100 * figures.reflective_share),
                    reflective=figures.label_counts.get("reflective", 0),
                    total=figures.sentence_count,
                ),
                messages.mostly_descriptive_suggestion,
                "document",
            )
        )
    if len(figures.transversal_skills) < MIN_TRANSVERSAL_SKILLS:
        start, end = anchor("skills", whole)
        out.append(
            Finding(
                "few_transversal_skills",
                start,
                end,
                messages.few_skills.format(
                    count=len(figures.transversal_skills),
                    skills=", ".join(figures.transversal_skills) or messages.none_word,
                ),
                messages.few_skills_suggestion,
                "document",
            )
        )
    if figures.progress_axes < MIN_PROGRESS_AXES:
        start, end = anchor("outlook", (last.start, last.end))
        out.append(
            Finding(
                "few_progress_axes",
                start,
                end,
                messages.few_progress_axes.format(count=figures.progress_axes),
                messages.few_progress_axes_suggestion,
                "document",
            )
        )
    if not figures.has_future:
        start, end = anchor("outlook", (last.start, last.end))
        out.append(
            Finding(
                "no_future",
                start,
                end,
                messages.no_future,
                messages.no_future_suggestion,
                "document",
            )
        )
    out.extend(_missing_sections(features, headings, lex))
    return out


def _sentence_at_word(features: Sequence[SentenceFeatures], word: int) -> SentenceFeatures:
    seen = 0
    for feats in features:
        seen += feats.word_count
        if seen > word:
            return feats
    return features[-1]


def _trame_headings(
    features: Sequence[SentenceFeatures], lex: Lexicon
) -> dict[str, SentenceFeatures]:
    """Trame section -> its heading, only when the text is organised under headings."""
    found: dict[str, SentenceFeatures] = {}
    heading_count = 0
    for feats in features:
        if not feats.is_heading:
            continue
        heading_count += 1
        title = feats.heading_text
        for section, pattern in lex.trame.items():
            if section not in found and pattern.search(title):
                found[section] = feats
                break
    return found if heading_count >= MIN_HEADINGS and found else {}


def _missing_sections(
    features: Sequence[SentenceFeatures], headings: dict[str, SentenceFeatures], lex: Lexicon
) -> list[Finding]:
    if not headings:
        return []
    names = lex.messages.section_names
    order = list(lex.trame)
    out: list[Finding] = []
    for position, section in enumerate(order):
        if section in headings:
            continue
        # Anchor on the heading the missing section should come before (or the last one).
        later = [headings[s] for s in order[position + 1 :] if s in headings]
        target = later[0] if later else max(headings.values(), key=lambda f: f.start)
        out.append(
            Finding(
                "missing_section",
                target.start,
                target.end,
                lex.messages.missing_section.format(section=names[section]),
                lex.messages.missing_section_suggestion.format(
                    section=names[section], hint=names[f"{section}_hint"]
                ),
                "document",
            )
        )
    return out
