"""The learned labeller: one logistic regression per label, read from a small JSON file.

Trained by ``make train-coach`` (:mod:`bilan.coach.train`, which needs scikit-learn); at run
time the weights are a matrix and prediction is one product with NumPy, which spaCy brings, so
the package does not need scikit-learn to label a sentence. Files live in ``bilan/coach/data/`` as
``model_<language>.json.gz``; their provenance is in that folder's README.
"""

from __future__ import annotations

import gzip
import json
import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from bilan.coach.features import SentenceView

DATA_DIR = Path(__file__).resolve().parent / "data"
FORMAT = 1

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

    def predict(self, features: Mapping[str, float]) -> Prediction:
        index, matrix = self._table
        rows: list[int] = []
        values: list[float] = []
        for feature, value in features.items():
            row = index.get(feature)
            if row is not None:
                rows.append(row)
                values.append(value)
        # One matrix product for the few hundred features a sentence has (the word vector's
        # dimensions among them) instead of a Python loop per feature and label.
        scores = [b + s for b, s in zip(self.bias, (values @ matrix[rows]).tolist(), strict=True)]
        probabilities: dict[str, float] = {}
        margins: dict[str, float] = {}
        chosen: set[str] = set()
        for label, score, threshold in zip(self.labels, scores, self.thresholds, strict=True):
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
    def _table(self) -> tuple[dict[str, int], Any]:
        """The weights as a row index and a NumPy matrix (one row per feature, one column per
        label), built on first use. NumPy comes with spaCy, whose pipeline runs before."""
        import numpy

        index = {feature: row for row, feature in enumerate(self.weights)}
        matrix = numpy.zeros((len(index), len(self.labels)), dtype=numpy.float64)
        for feature, row in index.items():
            matrix[row] = self.weights[feature]
        return index, matrix

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "language": self.language,
            "labels": list(self.labels),
            "bias": list(self.bias),
            "thresholds": list(self.thresholds),
            "meta": self.meta,
            "weights": {feature: list(row) for feature, row in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LabelModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"unsupported coach model format: {data.get('format')!r}")
        return cls(
            language=str(data["language"]),
            labels=tuple(data["labels"]),
            bias=tuple(float(x) for x in data["bias"]),
            thresholds=tuple(float(x) for x in data["thresholds"]),
            weights={key: tuple(float(x) for x in row) for key, row in data["weights"].items()},
            meta=dict(data.get("meta", {})),
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
