"""What the coach's labeller learns from: the corpus's sentences and CEReD's, as examples.

A corpus sentence is read as the pipeline reads it (rule features and the model's view, with its
neighbours); sentences whose labels hold without their neighbours are also given alone. English
also learns from CEReD's train split when ``../shared/data/cered-en`` (or ``--cered DIR``) is
there: its expert labels are mapped to two of ours (Reflection and Learning to ``reflective``,
Difficulty to ``difficulty``; see ``data/README.md``), and its sentences train only those two
labels.
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bilan.coach.corpus import CorpusDocument
from bilan.coach.features import Features, SentenceView, featurize, sentence_view
from bilan.coach.lang import get_lexicon
from bilan.coach.results import LABELS
from bilan.coach.rules import SentenceFeatures, sentence_features

if TYPE_CHECKING:
    from spacy.language import Language

# A CEReD sentence weighs as much as one of ours. Of 0.5, 1 and 2, tried against CEReD's val
# split (its tuning split; its test split is never read here), 1 and 2 tied and 0.5 lost
# difficulty recall.
CERED_WEIGHT = 1.0
# Weight of the copies of corpus sentences read alone (see corpus_examples).
ALONE_WEIGHT = 1.0
CERED_LABELS = {"Reflection": "reflective", "Learning": "reflective", "Difficulty": "difficulty"}
CERED_TRAINS = ("reflective", "difficulty")


def default_cered() -> Path:
    """CEReD beside the checkout (``../shared``), or under ``$BILAN_SHARED_DIR`` as the tests
    that read the shared data allow."""
    shared = os.environ.get("BILAN_SHARED_DIR")
    root = Path(shared) if shared else Path(__file__).resolve().parents[2].parent / "shared"
    return root / "data" / "cered-en"


@dataclass
class Example:
    features: Features
    labels: frozenset[str]
    group: str
    # Labels this example may teach (CEReD teaches only the labels it maps to).
    trains: tuple[str, ...] = LABELS
    weight: float = 1.0
    # Thresholds are chosen on the examples as the corpus has them, not on added copies.
    scored: bool = True
    # Place among its document's labelled sentences; None for a sentence read alone.
    position: int | None = None


def _analysis_pipeline(language: str) -> Language:
    """The coach's pipeline without its sentence splitting and labelling: a corpus sentence is
    one unit, whatever spaCy would cut."""
    from bilan.coach.pipeline import get_pipeline

    return get_pipeline(language)


# Each sentence's rule features and the model's view of it.
Units = list[tuple[SentenceFeatures, SentenceView]]


def read_units(texts: Sequence[str], language: str) -> Units:
    """Rule features and model view of each given sentence, parsed as one unit (no sentence
    splitting: a corpus sentence stays one sentence, whatever spaCy would cut)."""
    nlp = _analysis_pipeline(language)
    lex = get_lexicon(language)
    disabled = [name for name in nlp.pipe_names if name.startswith("coach_") or name == "senter"]
    out: list[tuple[SentenceFeatures, SentenceView]] = []
    with nlp.select_pipes(disable=disabled):
        for doc in nlp.pipe(texts, batch_size=256):
            text = doc.text
            start = len(text) - len(text.lstrip())
            end = max(start, len(text.rstrip()))
            span = doc[:]
            feats = sentence_features(span, lex, text=text, start=start, end=end)
            out.append((feats, sentence_view(span, feats, text)))
    return out


def read_documents(documents: Sequence[CorpusDocument]) -> list[Units]:
    """Each document's sentences through the coach's pipeline (:func:`read_units`), all
    documents parsed in one batch."""
    if not documents:
        return []
    language = documents[0].language
    texts = [sentence.text for document in documents for sentence in document.sentences]
    units = iter(read_units(texts, language))
    return [[next(units) for _ in document.sentences] for document in documents]


def views_of_sentences(texts: Sequence[str], language: str) -> list[SentenceView]:
    return [view for _, view in read_units(texts, language)]


def _reads_alone(
    labels: frozenset[str], cues: Sequence[str], following: SentenceView | None
) -> bool:
    """Whether a sentence keeps its labels when read without its neighbours.

    A solution needs the difficulty before it, unless it says itself that it is one ("Pour y
    remédier, …", "To fix this, …"); a claim is spared ``vague`` by the example after it; other
    labels hold in the sentence itself.
    """
    if "solution" in labels and "difficulty" not in labels and "solution_marker" not in cues:
        return False
    return following is None or "example_start" not in following.cues


def corpus_examples(
    documents: Sequence[CorpusDocument], *, alone_weight: float = 0.0
) -> list[Example]:
    """Labelled sentences of ``documents`` with their features, neighbours included.

    With ``alone_weight``, sentences whose labels do not depend on their neighbours are also
    given alone, with that weight: the coach is often asked about a single sentence (a field
    being edited), which a corpus of whole documents rarely shows it.
    """
    out: list[Example] = []
    for document, units in zip(documents, read_documents(documents), strict=True):
        doc_views = [view for _, view in units]
        vectors = featurize(doc_views)
        position = 0
        for index, sentence in enumerate(document.sentences):
            if sentence.skip:
                continue
            out.append(
                Example(
                    features=vectors[index],
                    labels=sentence.labels,
                    group=document.doc,
                    position=position,
                )
            )
            position += 1
            following = doc_views[index + 1] if index + 1 < len(doc_views) else None
            if alone_weight and _reads_alone(sentence.labels, doc_views[index].cues, following):
                out.append(
                    Example(
                        features=featurize([doc_views[index]])[0],
                        labels=sentence.labels,
                        group=document.doc,
                        weight=alone_weight,
                        scored=False,
                    )
                )
    return out


def read_cered(directory: Path, part: str) -> list[tuple[str, str]]:
    """(sentence, CEReD category) pairs of one split."""
    path = directory / part / "sentences.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row["sentence"], row["y"]) for row in csv.DictReader(handle, delimiter="\t")]


def cered_examples(directory: Path, part: str = "train") -> list[Example]:
    rows = read_cered(directory, part)
    views = views_of_sentences([sentence for sentence, _ in rows], "en")
    out = []
    vectors = featurize_alone(views)
    for index, ((_, category), features) in enumerate(zip(rows, vectors, strict=True)):
        mapped = CERED_LABELS.get(category)
        out.append(
            Example(
                features=features,
                labels=frozenset({mapped} if mapped else set()),
                group=f"cered-{index // 20}",
                trains=CERED_TRAINS,
                weight=CERED_WEIGHT,
            )
        )
    return out


def featurize_alone(views: Sequence[SentenceView]) -> list[Features]:
    """Features of sentences read without their neighbours (CEReD gives no document order)."""
    return [featurize([view])[0] for view in views]


def training_examples(
    language: str, documents: Sequence[CorpusDocument], cered: Path | None
) -> list[Example]:
    examples = corpus_examples(documents, alone_weight=ALONE_WEIGHT)
    if language == "en" and cered is not None and (cered / "train").is_dir():
        examples.extend(cered_examples(cered, "train"))
    return examples


def corpus_fingerprint(documents: Sequence[CorpusDocument]) -> str:
    digest = hashlib.sha256()
    for document in documents:
        digest.update(document.doc.encode("utf-8"))
        for sentence in document.sentences:
            digest.update(sentence.text.encode("utf-8"))
            digest.update(",".join(sorted(sentence.labels)).encode("utf-8"))
    return digest.hexdigest()[:12]
