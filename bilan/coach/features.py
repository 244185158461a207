"""What the learned model sees of a sentence: words, lemmas, character n-grams, rule cues, context.

One function builds these features for training (:mod:`bilan.coach.train`) and at run time
(:mod:`bilan.coach.model`), so the two can never drift apart. A sentence is a mapping from
feature names to values. Each group of text features (words, bigrams, lemmas, character
n-grams, neighbours' words) is scaled to unit length, as TF-IDF vectors are, so a long sentence
does not outweigh a short one; the rules' cues keep the value 1: one cue ("blame",
"solution_marker") weighs as much as a whole group.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bilan.coach.rules import SentenceFeatures
from bilan.coach.textutil import normalise_quotes
from bilan.textfold import fold

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from spacy.tokens import Span

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# A clause break inside a sentence: a semicolon or colon, or a comma before a connective.
_CLAUSE_BREAK = re.compile(
    r"[;:]|,\s*(?=(?:alors|donc|du coup|puis|mais|et|so|then|but|and|which)\b)", re.IGNORECASE
)
CHAR_NGRAMS = (3, 4, 5)
# Word-count buckets: a 3-word fragment and a 40-word sentence are read differently.
_LENGTH_BUCKETS = (3, 6, 10, 16, 25, 40)


@dataclass(frozen=True)
class SentenceView:
    """The parts of one sentence the featurizer needs, independent of spaCy objects."""

    words: tuple[str, ...]
    lemmas: tuple[str, ...]
    cues: tuple[str, ...]
    # Words after the sentence's last clause break, if it has one.
    tail: tuple[str, ...] = ()
    # Mean static vector of the sentence's content words, unit length, read-only; None without
    # vectors. Left out of comparisons: two views of the same text have equal vectors anyway.
    vector: NDArray[Any] | None = field(default=None, compare=False)


def rule_cues(feats: SentenceFeatures) -> tuple[str, ...]:
    """The rules' findings about a sentence, as features the model may weigh."""
    flags = {
        "concrete": feats.concrete,
        "vague_signal": feats.vague_signal,
        "generic": feats.generic,
        "learning_signal": feats.learning_signal,
        "reflective": feats.reflective,
        "progress_axis": feats.progress_axis,
        "difficulty": feats.difficulty,
        "solution_marker": feats.solution_marker,
        "solution_at_start": feats.solution_at_start,
        "blame": feats.blame,
        "future": feats.future,
        "thanks": feats.thanks,
        "question": feats.is_question,
        "example_start": feats.example_start,
        "first_person_action": feats.first_person_action,
        "has_verb": feats.has_verb,
        "list_item": feats.list_item,
        "tone": bool(feats.tone),
    }
    cues = [name for name, on in flags.items() if on]
    cues.extend(sorted({f"tone_{hit.kind}" for hit in feats.tone}))
    bucket = next((b for b in _LENGTH_BUCKETS if feats.word_count <= b), 99)
    cues.append(f"len{bucket}")
    return tuple(cues)


def sentence_view(span: Span, feats: SentenceFeatures, text: str) -> SentenceView:
    """Words and lemmas of ``text[feats.start:feats.end]`` as seen through ``span``'s tokens."""
    raw = normalise_quotes(text[feats.start : feats.end])
    words = tuple(fold(word) for word in _WORD.findall(raw))
    breaks = list(_CLAUSE_BREAK.finditer(raw))
    tail = tuple(fold(word) for word in _WORD.findall(raw[breaks[-1].end() :])) if breaks else ()
    lemmas = tuple(
        fold(normalise_quotes(tok.lemma_))
        for tok in span
        if tok.lemma_ and feats.start <= tok.idx < feats.end and not tok.is_punct
    )
    return SentenceView(
        words=words,
        lemmas=lemmas,
        cues=rule_cues(feats),
        tail=tail,
        vector=mean_vector(span, feats),
    )


def mean_vector(span: Span, feats: SentenceFeatures) -> NDArray[Any] | None:
    """The mean static vector of the sentence's content words (all its words if it has none),
    scaled to unit length and rounded, so that the same text always gives the same features.
    A word missing from the table is looked up in lower case. None when the pipeline has no
    vectors (English) or the sentence no known word."""
    import numpy  # spaCy's own dependency; imported here so that importing the coach stays cheap

    vectors = span.doc.vocab.vectors
    if not vectors.size:
        return None
    words = [tok for tok in span if tok.is_alpha and feats.start <= tok.idx < feats.end]
    content = [tok for tok in words if not tok.is_stop] or words
    if not content:
        return None
    rows = vectors.find(keys=[tok.orth for tok in content])
    lower = vectors.find(keys=[tok.lower for tok in content])
    rows = numpy.where(rows >= 0, rows, lower)
    rows = rows[rows >= 0]
    if not rows.size:
        return None
    total = numpy.asarray(vectors.data)[rows].sum(axis=0, dtype=numpy.float64)
    norm = math.sqrt(float(total @ total))
    if not norm:
        return None
    vector: NDArray[Any] = numpy.round(total / norm, 4)
    vector.flags.writeable = False
    return vector


Features = dict[str, float]
# Neighbours' words say less about a sentence than its own.
NEIGHBOUR_SCALE = 0.5
# Weight of the mean word vector against a group of sparse features (each of unit length).
VECTOR_SCALE = 2.0


def _add_group(out: Features, prefix: str, items: Iterable[str], scale: float = 1.0) -> None:
    distinct = set(items)
    if distinct:
        value = scale / math.sqrt(len(distinct))
        for item in distinct:
            out[prefix + item] = value


def _char_ngrams(words: Sequence[str]) -> list[str]:
    grams: list[str] = []
    for word in words:
        padded = f" {word} "
        for size in CHAR_NGRAMS:
            grams.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    return grams


def _own_features(view: SentenceView) -> Features:
    out: Features = {}
    words = view.words
    _add_group(out, "w:", words)
    _add_group(out, "c:", _char_ngrams(words))
    _add_group(out, "b:", (f"{a} {b}" for a, b in zip(words, words[1:], strict=False)))
    _add_group(out, "l:", view.lemmas)
    if words:
        out["s:" + words[0]] = 1.0
        if len(words) > 1:
            out[f"s:{words[0]} {words[1]}"] = 1.0
    for cue in view.cues:
        out["r:" + cue] = 1.0
    # Pairs of cues: a linear model cannot see "a difficulty word AND a remedy phrase" (a
    # sentence holding both a difficulty and its solution) from the two cues alone.
    cues = sorted(cue for cue in view.cues if not cue.startswith("len"))
    for i, first in enumerate(cues):
        for second in cues[i + 1 :]:
            out[f"rr:{first}+{second}"] = 1.0
    # The words after the last clause break ("…, alors j'ai …", "…; so I …"): where a
    # sentence's second half often says what was done about its first.
    _add_group(out, "t:", view.tail)
    return out


def featurize(views: Sequence[SentenceView]) -> list[Features]:
    """The features of each sentence of one text, in order, as one mapping per sentence: the
    word vectors' dimensions are the features ``v:<i>`` (the sentence's) and ``pv:<i>`` (the
    sentence before's). Training reads this form; at run time the model takes the sparse and
    dense parts apart (:func:`sparse_features`, :func:`dense_features`), which is faster and
    scores the same."""
    out = sparse_features(views)
    dense = dense_features(views)
    if dense is not None:
        names = dense_feature_names(dense.shape[1] // 2)
        for features, row in zip(out, dense.tolist(), strict=True):
            # Zeros add nothing to a score: a sentence without a vector gets no such feature.
            features.update((name, value) for name, value in zip(names, row, strict=True) if value)
    return out


def dense_feature_names(dimensions: int) -> list[str]:
    """The names of :func:`dense_features`' columns."""
    return [f"v:{i}" for i in range(dimensions)] + [f"pv:{i}" for i in range(dimensions)]


def dense_features(views: Sequence[SentenceView]) -> NDArray[Any] | None:
    """One row per sentence: its mean word vector, then the sentence before's (what it is about,
    in meaning rather than in words: a solution answers a difficulty however that difficulty
    was phrased), each scaled against the sparse groups. Zeros where a sentence has no vector
    or no sentence before; None when no sentence has a vector (English)."""
    dimensions = next((len(view.vector) for view in views if view.vector is not None), 0)
    if not dimensions:
        return None
    import numpy

    out = numpy.zeros((len(views), 2 * dimensions))
    previous_scale = NEIGHBOUR_SCALE * VECTOR_SCALE
    for index, view in enumerate(views):
        if view.vector is not None:
            out[index, :dimensions] = VECTOR_SCALE * view.vector
        previous = views[index - 1].vector if index > 0 else None
        if previous is not None:
            out[index, dimensions:] = previous_scale * previous
    return out


def sparse_features(views: Sequence[SentenceView]) -> list[Features]:
    """Each sentence's features but the word vectors: words, n-grams, lemmas, cues, neighbours.

    Neighbours matter to the labels: a claim is not vague when the next sentence illustrates
    it, and an action is a solution when the sentence before names a difficulty.
    """
    out: list[Features] = []
    for index, view in enumerate(views):
        features = _own_features(view)
        previous = views[index - 1] if index > 0 else None
        following = views[index + 1] if index + 1 < len(views) else None
        # A missing neighbour adds nothing: a sentence checked on its own reads as it would
        # at the start or end of a text.
        if previous is not None:
            features.update(("p:" + cue, 1.0) for cue in previous.cues)
            _add_group(features, "pw:", previous.words, NEIGHBOUR_SCALE)
            # "An action after a difficulty" is the solution pattern: one feature for the pair.
            if "difficulty" in previous.cues:
                features.update(("pd:" + cue, 1.0) for cue in view.cues)
        if following is not None:
            features.update(("n:" + cue, 1.0) for cue in following.cues)
            _add_group(features, "nw:", following.words[:3], NEIGHBOUR_SCALE)
            # "A claim, then its example" is what spares a claim the vague label.
            if "example_start" in following.cues:
                features.update(("ne:" + cue, 1.0) for cue in view.cues)
        out.append(features)
    return out
