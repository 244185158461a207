"""The learned labeller: one logistic regression per label, read from a small JSON file.

Trained by ``make train-coach`` (:mod:`bilan.coach.train`, which needs scikit-learn); at run
time the weights are a matrix and prediction is one product with NumPy, which spaCy brings, so
the package does not need scikit-learn to label a sentence. Files live in ``bilan/coach/data/`` as
``model_<language>.json.gz``; their provenance is in that folder's README.

Some labels are decided by a second reading (``context``): a small logistic regression over the
first reading's scores of the sentence and the probabilities of its prose neighbours. A
solution is an action after a difficulty, and the first reading knows far better than the
rules' cues whether the sentence before states one. Training keeps the second reading only for
the labels where it does better in cross-validation.
"""

from __future__ import annotations

import gzip
import json
import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilan.coach.context import (
    CONTEXT_PIVOT,
    context_features,
    context_width,
    prose_neighbours,
)
from bilan.coach.features import SentenceView, dense_feature_names

if TYPE_CHECKING:
    from numpy.typing import NDArray

DATA_DIR = Path(__file__).resolve().parent / "data"
FORMAT = 2
# Files of format 1 have no second reading; they still load.
READABLE_FORMATS = (1, 2)

_LOCK = threading.Lock()
_MODELS: dict[str, LabelModel | None] = {}


@dataclass(frozen=True)
class Prediction:
    labels: frozenset[str]
    probabilities: dict[str, float]
    confidence: float
    # Per label, how far its probability is from the threshold, on a 0-1 scale.
    margins: dict[str, float]


@dataclass(frozen=True)
class LabelModel:
    language: str
    labels: tuple[str, ...]
    bias: tuple[float, ...]
    thresholds: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    meta: dict[str, Any]
    # Second reading, per label it decides: (weights over context_features, bias, threshold).
    context: dict[str, tuple[tuple[float, ...], float, float]] = field(default_factory=dict)

    def predict(self, features: Mapping[str, float]) -> Prediction:
        """The labels of one sentence read alone, from its features as
        :func:`~bilan.coach.features.featurize` gives them (word vectors as ``v:<i>``)."""
        return self.predict_many([features], None)[0]

    def predict_many(
        self,
        sparse: Sequence[Mapping[str, float]],
        dense: NDArray[Any] | None,
        prose: Sequence[bool] | None = None,
    ) -> list[Prediction]:
        """The labels of a text's sentences, in order, from
        :func:`~bilan.coach.features.sparse_features` and
        :func:`~bilan.coach.features.dense_features` (or ``featurize``'s merged features and
        no ``dense``: the same scores). The word vectors' part is one matrix product for all
        sentences. ``prose`` marks the sentences that get labels: the second reading's
        neighbours are the prose sentences around each one (all sentences when omitted)."""
        scores = self.first_reading(sparse, dense)
        if self.context:
            previous, following = prose_neighbours(prose or [True] * len(sparse))
            inputs = context_features(scores, previous, following, self._pivot)
            for label, (weights, bias, _) in self.context.items():
                scores[:, self.labels.index(label)] = inputs @ weights + bias
        return [self._decide(row) for row in scores]

    def first_reading(
        self, sparse: Sequence[Mapping[str, float]], dense: NDArray[Any] | None
    ) -> NDArray[Any]:
        """Scores (log-odds), one row per sentence and one column per label, before the
        second reading."""
        import numpy

        scores = numpy.zeros((len(sparse), len(self.labels)))
        if dense is not None:
            scores += dense @ self._dense_weights(dense.shape[1] // 2)
        for row, features in enumerate(sparse):
            scores[row] += self._sparse_scores(features)
        return scores

    def _sparse_scores(self, features: Mapping[str, float]) -> NDArray[Any]:
        index, matrix = self._table
        rows: list[int] = []
        values: list[float] = []
        for feature, value in features.items():
            row = index.get(feature)
            if row is not None:
                rows.append(row)
                values.append(value)
        # One matrix product for the few hundred features a sentence has instead of a Python
        # loop per feature and label.
        return self._bias + values @ matrix[rows]

    def _decide(self, scores: NDArray[Any]) -> Prediction:
        probabilities: dict[str, float] = {}
        margins: dict[str, float] = {}
        chosen: set[str] = set()
        for label, score, threshold in zip(
            self.labels, scores.tolist(), self._final_thresholds, strict=True
        ):
            p = _sigmoid(score)
            probabilities[label] = round(p, 4)
            if p >= threshold:
                chosen.add(label)
                margins[label] = (p - threshold) / (1.0 - threshold) if threshold < 1 else 1.0
            else:
                margins[label] = (threshold - p) / threshold if threshold > 0 else 1.0
        _make_consistent(chosen, margins)
        return Prediction(
            labels=frozenset(chosen),
            probabilities=probabilities,
            confidence=round(min(margins.values(), default=1.0), 3),
            margins=margins,
        )

    @cached_property
    def _table(self) -> tuple[dict[str, int], NDArray[Any]]:
        """The weights as a row index and a NumPy matrix (one row per feature, one column per
        label), built on first use. NumPy comes with spaCy, whose pipeline runs before."""
        import numpy

        index = {feature: row for row, feature in enumerate(self.weights)}
        matrix = numpy.zeros((len(index), len(self.labels)), dtype=numpy.float64)
        for feature, row in index.items():
            matrix[row] = self.weights[feature]
        return index, matrix

    @cached_property
    def _pivot(self) -> int | None:
        return self.labels.index(CONTEXT_PIVOT) if CONTEXT_PIVOT in self.labels else None

    @cached_property
    def _final_thresholds(self) -> tuple[float, ...]:
        """Each label's threshold, the second reading's where it decides the label."""
        return tuple(
            self.context[label][2] if label in self.context else threshold
            for label, threshold in zip(self.labels, self.thresholds, strict=True)
        )

    @cached_property
    def _bias(self) -> NDArray[Any]:
        import numpy

        return numpy.asarray(self.bias, dtype=numpy.float64)

    def _dense_weights(self, dimensions: int) -> NDArray[Any]:
        """The rows of the word vectors' features, in :func:`dense_feature_names` order; a
        dimension whose weights were all pruned at training weighs nothing."""
        cached = self._dense_cache.get(dimensions)
        if cached is None:
            import numpy

            index, matrix = self._table
            cached = numpy.zeros((2 * dimensions, len(self.labels)), dtype=numpy.float64)
            for position, name in enumerate(dense_feature_names(dimensions)):
                row = index.get(name)
                if row is not None:
                    cached[position] = matrix[row]
            self._dense_cache[dimensions] = cached
        return cached

    @cached_property
    def _dense_cache(self) -> dict[int, NDArray[Any]]:
        return {}

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "language": self.language,
            "labels": list(self.labels),
            "bias": list(self.bias),
            "thresholds": list(self.thresholds),
            "meta": self.meta,
            "weights": {feature: list(row) for feature, row in sorted(self.weights.items())},
            "context": {
                label: {"weights": list(weights), "bias": bias, "threshold": threshold}
                for label, (weights, bias, threshold) in sorted(self.context.items())
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LabelModel:
        if data.get("format") not in READABLE_FORMATS:
            raise ValueError(f"unsupported coach model format: {data.get('format')!r}")
        width = context_width(len(data["labels"]))
        for label, stage in data.get("context", {}).items():
            if len(stage["weights"]) != width:
                raise ValueError(
                    f"coach model: the second reading of {label!r} needs {width} weights"
                )
        return cls(
            language=str(data["language"]),
            labels=tuple(data["labels"]),
            bias=tuple(float(x) for x in data["bias"]),
            thresholds=tuple(float(x) for x in data["thresholds"]),
            weights={key: tuple(float(x) for x in row) for key, row in data["weights"].items()},
            meta=dict(data.get("meta", {})),
            context={
                label: (
                    tuple(float(x) for x in stage["weights"]),
                    float(stage["bias"]),
                    float(stage["threshold"]),
                )
                for label, stage in data.get("context", {}).items()
            },
        )


def _make_consistent(chosen: set[str], margins: dict[str, float]) -> None:
    """Apply the guide's exclusions: a sentence is not both vague and reflective (the surer one
    stays), and a vague, reflective or difficulty sentence is not also descriptive."""
    if {"vague", "reflective"} <= chosen:
        chosen.discard("vague" if margins["reflective"] >= margins["vague"] else "reflective")
    if "descriptive" in chosen and chosen & {"vague", "reflective", "difficulty"}:
        chosen.discard("descriptive")


def _sigmoid(score: float) -> float:
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-score))
    exp = math.exp(score)
    return exp / (1.0 + exp)


def illustrated(
    labels: frozenset[str], views: Sequence[SentenceView], index: int
) -> frozenset[str]:
    """The definition of ``vague`` applied: a claim the next sentence illustrates ("Par
    exemple, …", "For instance, …") is not vague, whatever the model's score."""
    following = views[index + 1] if index + 1 < len(views) else None
    if "vague" in labels and following is not None and "example_start" in following.cues:
        return labels - {"vague"}
    return labels


def model_path(language: str, directory: Path = DATA_DIR) -> Path:
    return directory / f"model_{language}.json.gz"


def save_model(model: LabelModel, path: Path) -> None:
    """Write ``model`` reproducibly: sorted keys and no timestamp in the gzip header."""
    payload = json.dumps(model.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    path.parent.mkdir(parents=True, exist_ok=True)
    # No file name nor time in the gzip header: the bytes depend on the weights alone.
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as out,
    ):
        out.write(payload.encode("utf-8"))


def read_model(path: Path) -> LabelModel:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return LabelModel.from_json(json.load(handle))


def get_model(language: str) -> LabelModel | None:
    """The shipped model for ``language``, loaded once per process; None if none is shipped."""
    if language in _MODELS:
        return _MODELS[language]
    with _LOCK:
        if language not in _MODELS:
            path = model_path(language)
            _MODELS[language] = read_model(path) if path.exists() else None
    return _MODELS[language]
