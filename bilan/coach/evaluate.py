"""How right the coach is: ``make eval-coach`` (``python -m bilan.coach.evaluate``).

Prints, per language and label:

- F1 (with precision and recall) of the shipped model on the corpus's held-out split, fixed by
  document id before any training (:mod:`bilan.coach.corpus`), next to the rules alone;
- agreement between the two annotators (Cohen's kappa) over the whole corpus;
- a learning curve: F1 on the held-out split of models trained on 25, 50, 75 and 100 % of the
  train documents (needs scikit-learn; ``--no-curve`` skips it);
- for English, CEReD's val split when ``../shared/data/cered-en`` is there: ``reflective``
  against Reflection + Learning and ``difficulty`` against Difficulty.

Scores are per sentence on the corpus's own segmentation; headings and list fragments
(``skip``) are not scored.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bilan.coach.corpus import CORPUS_DIR, CorpusDocument, labelled, load_corpus, split
from bilan.coach.examples import (
    Units,
    default_cered,
    featurize_alone,
    read_cered,
    read_documents,
    training_examples,
    views_of_sentences,
)
from bilan.coach.features import featurize
from bilan.coach.lang import SUPPORTED_LANGUAGES
from bilan.coach.model import LabelModel, get_model, illustrated
from bilan.coach.results import LABELS
from bilan.coach.rules import label_sentences
from bilan.coach.train import train_language

CURVE_FRACTIONS = (0.25, 0.5, 0.75, 1.0)
CERED_TARGETS = {
    "difficulty": frozenset({"Difficulty"}),
    "reflective": frozenset({"Reflection", "Learning"}),
}


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]], label: str) -> Score:
    tp = fp = fn = 0
    for truth, guess in zip(gold, predicted, strict=True):
        if label in guess and label in truth:
            tp += 1
        elif label in guess:
            fp += 1
        elif label in truth:
            fn += 1
    return Score(tp, fp, fn)


def cohen_kappa(first: Sequence[bool], second: Sequence[bool]) -> float:
    """Cohen's kappa of two binary annotations of the same items."""
    n = len(first)
    if n == 0:
        return 0.0
    observed = sum(1 for a, b in zip(first, second, strict=True) if a == b) / n
    p_first = sum(first) / n
    p_second = sum(second) / n
    expected = p_first * p_second + (1 - p_first) * (1 - p_second)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(documents: Sequence[CorpusDocument]) -> dict[str, tuple[float, int]]:
    """Label -> (kappa, sentences) over sentences that both annotators labelled."""
    pairs = [(s.a, s.b) for s in labelled(documents) if s.a is not None and s.b is not None]
    first = [a for a, _ in pairs if a is not None]
    second = [b for _, b in pairs if b is not None]
    return {
        label: (
            cohen_kappa([label in a for a in first], [label in b for b in second]),
            len(pairs),
        )
        for label in LABELS
    }


def predict_documents(
    documents: Sequence[CorpusDocument],
    model: LabelModel | None,
    read: Sequence[Units] | None = None,
) -> tuple[list[frozenset[str]], list[frozenset[str]], list[frozenset[str]]]:
    """(gold, model, rules) labels for every labelled sentence of ``documents``, each document
    read as the pipeline reads a text: its labelled sentences are the prose, the rest (headings,
    fragments) neighbours that get no label. ``read`` is :func:`read_documents`' result, when
    the caller already has it."""
    gold: list[frozenset[str]] = []
    by_model: list[frozenset[str]] = []
    by_rules: list[frozenset[str]] = []
    for document, doc_units in zip(
        documents, read if read is not None else read_documents(documents), strict=True
    ):
        rules = label_sentences([feats for feats, _ in doc_units])
        views = [view for _, view in doc_units]
        prose = [not sentence.skip for sentence in document.sentences]
        predictions = (
            model.predict_many(featurize(views), None, prose) if model is not None else None
        )
        for index, (sentence, rule) in enumerate(zip(document.sentences, rules, strict=True)):
            if sentence.skip:
                continue
            gold.append(sentence.labels)
            by_rules.append(rule)
            guess = predictions[index].labels if predictions is not None else rule
            by_model.append(illustrated(guess, views, index))
    return gold, by_model, by_rules


def _f1_line(name: str, gold: Sequence[frozenset[str]], guesses: Sequence[frozenset[str]]) -> str:
    cells = []
    for label in LABELS:
        s = score(gold, guesses, label)
        cells.append(f"{s.f1:5.2f}")
    return f"  {name:<24}" + " ".join(f"{cell:>11}" for cell in cells)


def _header() -> str:
    return "  " + " " * 24 + " ".join(f"{label:>11}" for label in LABELS)


def learning_curve(
    language: str,
    train: Sequence[CorpusDocument],
    held_out: Sequence[CorpusDocument],
    cered: Path | None,
    fractions: Sequence[float] = CURVE_FRACTIONS,
) -> list[tuple[float, int, list[float]]]:
    """(fraction, train sentences, F1 per label) for models trained on growing subsets."""
    ordered = sorted(train, key=lambda document: document.doc)
    read = read_documents(held_out)
    out = []
    for fraction in fractions:
        # Every k-th document, so each subset spreads over all writers and fields.
        keep = max(1, round(len(ordered) * fraction))
        step = len(ordered) / keep
        subset = [ordered[int(i * step)] for i in range(keep)]
        examples = training_examples(language, subset, cered)
        model, report = train_language(language, examples, folds=3, c_grid=(0.3,))
        gold, guesses, _ = predict_documents(held_out, model, read)
        out.append(
            (
                fraction,
                sum(1 for _ in labelled(subset)),
                [score(gold, guesses, label).f1 for label in LABELS],
            )
        )
    return out


def cered_scores(directory: Path, model: LabelModel | None) -> dict[str, Score]:
    rows = read_cered(directory, "val")
    views = views_of_sentences([sentence for sentence, _ in rows], "en")
    vectors = featurize_alone(views)
    out = {}
    for label, categories in CERED_TARGETS.items():
        gold = [
            frozenset({label}) if category in categories else frozenset() for _, category in rows
        ]
        guesses = [model.predict(vector).labels if model else frozenset() for vector in vectors]
        out[label] = score(gold, guesses, label)
    return out


def main(argv: Sequence[str] | None = None, *, echo: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(prog="python -m bilan.coach.evaluate", description=__doc__)
    parser.add_argument("--lang", choices=SUPPORTED_LANGUAGES, action="append")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--cered", type=Path, default=None)
    parser.add_argument("--no-curve", action="store_true", help="skip the learning curve")
    args = parser.parse_args(argv)
    directory = args.cered or default_cered()
    cered = directory if directory.is_dir() else None
    for language in args.lang or list(SUPPORTED_LANGUAGES):
        documents = load_corpus(language, args.corpus)
        if not documents:
            echo(f"[{language}] no corpus")
            continue
        train, held_out = split(documents)
        model = get_model(language)
        gold, by_model, by_rules = predict_documents(held_out, model)
        echo(
            f"== [{language}] held-out split: {len(held_out)} documents, {len(gold)} sentences "
            f"(train: {len(train)} documents, {sum(1 for _ in labelled(train))} sentences)"
        )
        echo(_header())
        echo(_f1_line("F1 model", gold, by_model))
        echo(_f1_line("F1 rules alone", gold, by_rules))
        precision = [score(gold, by_model, label).precision for label in LABELS]
        recall = [score(gold, by_model, label).recall for label in LABELS]
        echo(
            "  "
            + f"{'precision / recall':<24}"
            + " ".join(
                f"{p:5.2f}/{r:4.2f}".rjust(11) for p, r in zip(precision, recall, strict=True)
            )
        )
        support = [sum(1 for g in gold if label in g) for label in LABELS]
        echo("  " + f"{'support':<24}" + " ".join(f"{n:>11}" for n in support))
        kappas = agreement(documents)
        count = next(iter(kappas.values()))[1]
        echo(
            "  "
            + f"{f'kappa A/B ({count} sent.)':<24}"
            + " ".join(f"{kappas[label][0]:11.2f}" for label in LABELS)
        )
        if not args.no_curve:
            echo("  learning curve (F1 on the held-out split):")
            for fraction, size, f1s in learning_curve(language, train, held_out, cered):
                name = f"{round(fraction * 100)} % ({size} sent.)"
                echo("  " + f"  {name:<22}" + " ".join(f"{f1:11.2f}" for f1 in f1s))
        if language == "en" and cered is not None:
            echo("  CEReD val (339 sentences, real diaries, labels by their experts):")
            for label, s in cered_scores(cered, model).items():
                echo(
                    f"    {label:<11} F1 {s.f1:.2f}  (precision {s.precision:.2f}, "
                    f"recall {s.recall:.2f})"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
