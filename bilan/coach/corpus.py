"""The labelled corpus: documents of labelled sentences, and the fixed train / held-out split.

Files are JSON Lines in ``bilan/coach/data/corpus/<language>.jsonl``, one document a line::

    {"doc": "fr-a-0001", "lang": "fr", "field": "...", "level": "...", "genre": "...",
     "sentences": [{"text": "...", "labels": [...], "a": [...], "b": [...]},
                   {"text": "Compétences acquises :", "skip": true}]}

``a`` and ``b`` are the two annotators' labels, ``labels`` the decision after disagreements
were resolved by the guide (``GUIDE.md``). The split is a property of the document id, fixed
before any model was trained: it never depends on the labels or on the model.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bilan.coach.results import LABELS

CORPUS_DIR = Path(__file__).resolve().parent / "data" / "corpus"
# One document in HELD_OUT_EVERY goes to the held-out split (by a hash of its id).
HELD_OUT_EVERY = 5


@dataclass(frozen=True)
class CorpusSentence:
    text: str
    labels: frozenset[str] = frozenset()
    skip: bool = False
    a: frozenset[str] | None = None
    b: frozenset[str] | None = None


@dataclass(frozen=True)
class CorpusDocument:
    doc: str
    language: str
    sentences: tuple[CorpusSentence, ...]
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def held_out(self) -> bool:
        return is_held_out(self.doc)


def is_held_out(doc_id: str) -> bool:
    digest = hashlib.sha256(doc_id.encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % HELD_OUT_EVERY == 0


def _labels(value: object) -> frozenset[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or any(label not in LABELS for label in value):
        raise ValueError(f"labels must be a list drawn from {LABELS}, not {value!r}")
    return frozenset(value)


def parse_document(line: str) -> CorpusDocument:
    data = json.loads(line)
    sentences = []
    for item in data["sentences"]:
        skip = bool(item.get("skip", False))
        labels = _labels(item.get("labels", []))
        sentences.append(
            CorpusSentence(
                text=str(item["text"]),
                labels=frozenset() if skip or labels is None else labels,
                skip=skip,
                a=_labels(item.get("a")),
                b=_labels(item.get("b")),
            )
        )
    meta = {key: str(data[key]) for key in ("field", "level", "genre") if key in data}
    return CorpusDocument(
        doc=str(data["doc"]), language=str(data["lang"]), sentences=tuple(sentences), meta=meta
    )


def read_corpus(path: Path) -> list[CorpusDocument]:
    out = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    out.append(parse_document(line))
                except (ValueError, KeyError, TypeError) as exc:
                    raise ValueError(f"{path.name}, line {number}: {exc}") from exc
    return out


def load_corpus(language: str, directory: Path = CORPUS_DIR) -> list[CorpusDocument]:
    path = directory / f"{language}.jsonl"
    return read_corpus(path) if path.exists() else []


def split(
    documents: Sequence[CorpusDocument],
) -> tuple[list[CorpusDocument], list[CorpusDocument]]:
    """(train, held-out), by document id."""
    train = [doc for doc in documents if not doc.held_out]
    held_out = [doc for doc in documents if doc.held_out]
    return train, held_out


def labelled(documents: Sequence[CorpusDocument]) -> Iterator[CorpusSentence]:
    for document in documents:
        for sentence in document.sentences:
            if not sentence.skip:
                yield sentence
