"""The labeller's second reading: what it sees of a sentence among its neighbours.

The first reading scores each sentence from its own features (:mod:`bilan.coach.model`). For
some labels a second, small logistic regression decides instead, from the first reading's scores
of the sentence and the probabilities of the prose sentences around it: a solution is an action
after a difficulty, and the first reading knows far better than the rules' cues whether the
sentence before states one. Training (:mod:`bilan.coach.train`, on cross-validated scores) and
prediction build these inputs with the same function.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from numpy.typing import NDArray

# context_features' width in blocks of one value per label (plus three neighbour flags).
CONTEXT_BLOCKS = 6
# The label whose presence just before a sentence the second reading crosses with the rest.
CONTEXT_PIVOT = "difficulty"


def context_width(labels: int) -> int:
    """How many inputs :func:`context_features` gives for a model of ``labels`` labels."""
    return CONTEXT_BLOCKS * labels + 3


def to_probabilities(scores: NDArray[Any]) -> NDArray[Any]:
    """The logistic function of each score."""
    import numpy

    # Clipped: a score of -800 would overflow exp() for no change in the probability.
    result: NDArray[Any] = 1.0 / (1.0 + numpy.exp(-numpy.clip(scores, -50.0, 50.0)))
    return result


def prose_neighbours(
    prose: Sequence[bool],
) -> tuple[list[int | None], list[int | None]]:
    """For each prose sentence, the index of the prose sentence before and after it (None at
    the ends and for sentences that are not prose)."""
    previous: list[int | None] = [None] * len(prose)
    following: list[int | None] = [None] * len(prose)
    last: int | None = None
    for index, keep in enumerate(prose):
        if keep:
            if last is not None:
                previous[index] = last
                following[last] = index
            last = index
    return previous, following


def context_features(
    scores: NDArray[Any],
    previous: Sequence[int | None],
    following: Sequence[int | None],
    pivot: int | None = None,
) -> NDArray[Any]:
    """What the second reading sees of each sentence: its own first-reading scores, the
    first-reading probabilities of the sentence before, of the one before that and of the one
    after, one flag per neighbour that exists, then the sentence's own probabilities times the
    ``pivot`` label's probability (``difficulty``) in the sentence before and in the one before
    that: "an action, right after a difficulty" is a product a linear reading cannot form
    alone. Training (on cross-validated scores) and prediction both build it here."""
    import numpy

    count, width = scores.shape
    probabilities = to_probabilities(scores)
    out = numpy.zeros((count, context_width(width)))
    flags = 4 * width
    out[:, :width] = scores
    for index in range(count):
        before = previous[index]
        if before is not None:
            out[index, width : 2 * width] = probabilities[before]
            out[index, flags] = 1.0
            earlier = previous[before]
            if earlier is not None:
                out[index, 2 * width : 3 * width] = probabilities[earlier]
                out[index, flags + 1] = 1.0
        after = following[index]
        if after is not None:
            out[index, 3 * width : 4 * width] = probabilities[after]
            out[index, flags + 2] = 1.0
    if pivot is not None:
        own = probabilities
        out[:, flags + 3 : flags + 3 + width] = own * out[:, width + pivot, None]
        out[:, flags + 3 + width :] = own * out[:, 2 * width + pivot, None]
    return out
