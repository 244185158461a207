"""Train the coach's labeller: ``make train-coach`` (``python -m bilan.coach.train``).

One logistic regression per label and language over the features of
:mod:`bilan.coach.features`, trained on the corpus's train split only. For each label the
regularisation strength and the decision threshold are chosen by cross-validation on the train
split, grouped by document so that sentences of one text never sit on both sides of a fold.
Then the second reading (:mod:`bilan.coach.context`): a small regression per
label over the cross-validated first-reading scores of each sentence and its neighbours, kept
for a label only when its own cross-validated F1 beats the first reading's.
The held-out split is not read here. The result is written as plain weights
(:mod:`bilan.coach.model`), deterministically: the same corpus gives the same file.

The examples (corpus sentences, and CEReD's for English) come from :mod:`bilan.coach.examples`.

Needs scikit-learn (a development dependency); the shipped package does not.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilan.coach.context import CONTEXT_PIVOT, context_features, to_probabilities
from bilan.coach.corpus import CORPUS_DIR, load_corpus, split
from bilan.coach.examples import (
    Example,
    corpus_fingerprint,
    default_cered,
    training_examples,
)
from bilan.coach.lang import SUPPORTED_LANGUAGES
from bilan.coach.model import DATA_DIR, LabelModel, model_path, save_model
from bilan.coach.results import LABELS

MIN_DOCUMENT_FREQUENCY = 2
C_GRID = (3.0, 10.0, 30.0, 100.0)
FOLDS = 5
# Weights smaller than this are dropped from the shipped file (they change no decision).
MIN_WEIGHT = 1e-4
# The second reading decides a label only when its cross-validated F1 beats the first reading's
# by more than this; smaller differences are fold noise.
CONTEXT_MIN_GAIN = 0.003
CONTEXT_C = 1.0


@dataclass
class LabelFit:
    label: str
    c: float
    threshold: float
    cv_f1: float
    positives: int
    examples: int


@dataclass
class ContextFit:
    label: str
    threshold: float
    # Cross-validated F1 of the first reading alone and with the second, on the same folds.
    first_f1: float
    second_f1: float
    kept: bool


@dataclass
class TrainingReport:
    language: str
    fits: list[LabelFit] = field(default_factory=list)
    context: list[ContextFit] = field(default_factory=list)
    features: int = 0
    sentences: int = 0


def _vocabulary(examples: Iterable[Example]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for example in examples:
        counts.update(example.features)
    kept = sorted(feature for feature, n in counts.items() if n >= MIN_DOCUMENT_FREQUENCY)
    return {feature: index for index, feature in enumerate(kept)}


def _matrix(examples: Sequence[Example], vocabulary: dict[str, int]) -> Any:
    from scipy.sparse import csr_matrix

    rows: list[int] = []
    cols: list[int] = []
    data: list[float] = []
    for row, example in enumerate(examples):
        for feature, value in example.features.items():
            col = vocabulary.get(feature)
            if col is not None:
                rows.append(row)
                cols.append(col)
                data.append(value)
    return csr_matrix((data, (rows, cols)), shape=(len(examples), len(vocabulary)))


def _best_threshold(y: Sequence[int], scores: Sequence[float]) -> tuple[float, float]:
    """(threshold, F1) maximising F1 over the candidate thresholds."""
    best = (0.5, 0.0)
    for step in range(5, 96):
        threshold = step / 100
        tp = sum(1 for t, s in zip(y, scores, strict=True) if t and s >= threshold)
        fp = sum(1 for t, s in zip(y, scores, strict=True) if not t and s >= threshold)
        fn = sum(1 for t, s in zip(y, scores, strict=True) if t and s < threshold)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[1] + 1e-9:
            best = (threshold, f1)
    return best


def _classifier(c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, solver="liblinear", max_iter=2000, random_state=0)


def _fit_label(
    label: str, examples: Sequence[Example], matrix: Any, *, folds: int, c_grid: Sequence[float]
) -> tuple[Any, LabelFit]:
    from sklearn.model_selection import GroupKFold

    rows = [i for i, example in enumerate(examples) if label in example.trains]
    x = matrix[rows]
    y = [int(label in examples[i].labels) for i in rows]
    weights = [examples[i].weight for i in rows]
    groups = [examples[i].group for i in rows]
    positives = sum(y)
    if positives == 0 or positives == len(y):
        raise ValueError(f"label {label!r}: the train split needs positive and negative examples")
    n_splits = max(2, min(folds, len(set(groups))))
    best: tuple[float, float, float] = (c_grid[0], 0.5, -1.0)
    for c in c_grid:
        oof = [0.0] * len(rows)
        for train_idx, test_idx in GroupKFold(n_splits=n_splits).split(x, y, groups):
            y_train = [y[i] for i in train_idx]
            if len(set(y_train)) < 2:
                continue
            model = _classifier(c)
            model.fit(x[train_idx], y_train, sample_weight=[weights[i] for i in train_idx])
            for i, p in zip(test_idx, model.predict_proba(x[test_idx])[:, 1], strict=True):
                oof[i] = float(p)
        scored = [i for i, row in enumerate(rows) if examples[row].scored]
        threshold, f1 = _best_threshold([y[i] for i in scored], [oof[i] for i in scored])
        if f1 > best[2] + 1e-9:
            best = (c, threshold, f1)
    c, threshold, f1 = best
    final = _classifier(c)
    final.fit(x, y, sample_weight=weights)
    return final, LabelFit(label, c, threshold, round(f1, 4), positives, len(y))


def train_language(
    language: str,
    examples: Sequence[Example],
    *,
    folds: int = FOLDS,
    c_grid: Sequence[float] = C_GRID,
    meta: dict[str, Any] | None = None,
) -> tuple[LabelModel, TrainingReport]:
    vocabulary = _vocabulary(examples)
    matrix = _matrix(examples, vocabulary)
    report = TrainingReport(language=language, sentences=len(examples))
    columns: list[list[float]] = []
    bias: list[float] = []
    thresholds: list[float] = []
    for label in LABELS:
        classifier, fit = _fit_label(label, examples, matrix, folds=folds, c_grid=c_grid)
        report.fits.append(fit)
        columns.append([float(w) for w in classifier.coef_[0]])
        bias.append(round(float(classifier.intercept_[0]), 6))
        thresholds.append(fit.threshold)
    context = _fit_context(examples, matrix, report, folds=folds)
    weights: dict[str, tuple[float, ...]] = {}
    for feature, index in vocabulary.items():
        row = tuple(round(column[index], 5) for column in columns)
        if any(abs(w) >= MIN_WEIGHT for w in row):
            weights[feature] = row
    report.features = len(weights)
    info = dict(meta or {})
    info["fits"] = [fit.__dict__ for fit in report.fits]
    info["context"] = [fit.__dict__ for fit in report.context]
    info["sentences"] = len(examples)
    model = LabelModel(
        language=language,
        labels=LABELS,
        bias=tuple(bias),
        thresholds=tuple(thresholds),
        weights=weights,
        meta=info,
        context=context,
    )
    payload = json.dumps(model.to_json(), sort_keys=True).encode("utf-8")
    info["fingerprint"] = hashlib.sha256(payload).hexdigest()[:12]
    return model, report


def _example_neighbours(
    examples: Sequence[Example],
) -> tuple[list[int | None], list[int | None]]:
    """Each example's labelled neighbours in its document, as the pipeline's prose neighbours;
    a sentence read alone has none."""
    where = {
        (example.group, example.position): index
        for index, example in enumerate(examples)
        if example.position is not None
    }
    previous: list[int | None] = []
    following: list[int | None] = []
    for example in examples:
        if example.position is None:
            previous.append(None)
            following.append(None)
        else:
            previous.append(where.get((example.group, example.position - 1)))
            following.append(where.get((example.group, example.position + 1)))
    return previous, following


def _first_reading_scores(
    examples: Sequence[Example], matrix: Any, fits: Sequence[LabelFit], splits: Sequence[Any]
) -> Any:
    """Cross-validated first-reading scores of every example for every label: what the second
    reading learns from must come from models that did not see the example's document."""
    import numpy

    weights = numpy.array([example.weight for example in examples])
    scores = numpy.zeros((len(examples), len(LABELS)))
    for column, fit in enumerate(fits):
        y = numpy.array([int(fit.label in example.labels) for example in examples])
        teaches = numpy.array([fit.label in example.trains for example in examples])
        for train_idx, test_idx in splits:
            train_idx = train_idx[teaches[train_idx]]
            if len(set(y[train_idx].tolist())) < 2:
                continue
            model = _classifier(fit.c)
            model.fit(matrix[train_idx], y[train_idx], sample_weight=weights[train_idx])
            scores[test_idx, column] = model.decision_function(matrix[test_idx])
    return scores


def _fit_context(
    examples: Sequence[Example], matrix: Any, report: TrainingReport, *, folds: int
) -> dict[str, tuple[tuple[float, ...], float, float]]:
    """The second reading of each label where cross-validation says it helps."""
    import numpy
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    groups = [example.group for example in examples]
    n_splits = min(folds, len(set(groups)))
    if n_splits < 2:
        return {}
    splits = list(GroupKFold(n_splits=n_splits).split(matrix, groups=groups))
    scores = _first_reading_scores(examples, matrix, report.fits, splits)
    previous, following = _example_neighbours(examples)
    pivot = LABELS.index(CONTEXT_PIVOT) if CONTEXT_PIVOT in LABELS else None
    inputs = context_features(scores, previous, following, pivot)
    first = to_probabilities(scores)
    out: dict[str, tuple[tuple[float, ...], float, float]] = {}
    for column, label in enumerate(LABELS):
        rows = numpy.array([i for i, example in enumerate(examples) if label in example.trains])
        y = numpy.array([int(label in examples[i].labels) for i in rows])
        weights = numpy.array([examples[i].weight for i in rows])
        scored = numpy.array([examples[i].scored for i in rows])
        _, first_f1 = _best_threshold(y[scored].tolist(), first[rows[scored], column].tolist())
        second = numpy.zeros(len(rows))
        label_groups = [groups[i] for i in rows]
        for train_idx, test_idx in GroupKFold(n_splits=n_splits).split(rows, y, label_groups):
            if len(set(y[train_idx].tolist())) < 2:
                continue
            model = LogisticRegression(C=CONTEXT_C, max_iter=1000)
            model.fit(inputs[rows[train_idx]], y[train_idx], sample_weight=weights[train_idx])
            second[test_idx] = model.predict_proba(inputs[rows[test_idx]])[:, 1]
        threshold, second_f1 = _best_threshold(y[scored].tolist(), second[scored].tolist())
        kept = second_f1 > first_f1 + CONTEXT_MIN_GAIN
        report.context.append(
            ContextFit(label, threshold, round(first_f1, 4), round(second_f1, 4), kept)
        )
        if kept:
            model = LogisticRegression(C=CONTEXT_C, max_iter=1000)
            model.fit(inputs[rows], y, sample_weight=weights)
            out[label] = (
                tuple(round(float(w), 6) for w in model.coef_[0]),
                round(float(model.intercept_[0]), 6),
                threshold,
            )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bilan.coach.train", description=__doc__)
    parser.add_argument("--lang", choices=SUPPORTED_LANGUAGES, action="append")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    parser.add_argument("--cered", type=Path, default=None)
    args = parser.parse_args(argv)
    args.cered = args.cered or default_cered()
    for language in args.lang or list(SUPPORTED_LANGUAGES):
        documents = load_corpus(language, args.corpus)
        train, _ = split(documents)
        if not train:
            print(f"[{language}] no corpus in {args.corpus}: skipped", file=sys.stderr)
            continue
        cered = args.cered if args.cered.is_dir() else None
        if language == "en" and cered is None:
            print(f"[en] CEReD not found at {args.cered}: training without it", file=sys.stderr)
        examples = training_examples(language, train, cered)
        meta = {
            "corpus": corpus_fingerprint(train),
            "documents": len(train),
            "cered": bool(cered) and language == "en",
        }
        model, report = train_language(language, examples, meta=meta)
        path = model_path(language, args.out)
        save_model(model, path)
        print(
            f"[{language}] {report.sentences} sentences, {report.features} features "
            f"-> {path.name} ({path.stat().st_size // 1024} KiB), "
            f"fingerprint {model.meta['fingerprint']} (MODEL_FINGERPRINTS in version.py)"
        )
        for fit in report.fits:
            print(
                f"  {fit.label:<12} C={fit.c:<4} threshold={fit.threshold:.2f} "
                f"cv F1={fit.cv_f1:.3f} ({fit.positives}/{fit.examples})"
            )
        for stage in report.context:
            verdict = "kept" if stage.kept else "not kept"
            print(
                f"  second reading {stage.label:<12} cv F1 {stage.first_f1:.3f} -> "
                f"{stage.second_f1:.3f}: {verdict}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
