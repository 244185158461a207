"""spaCy components of the coach pipeline.

Importing this module registers the factories; :mod:`bilan.coach.pipeline` does so lazily, the
first time a pipeline is built. Results live on ``Doc._.coach_features`` /
``Doc._.coach_labels`` and on each sentence's ``Span._.coach_labels``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, cast

from spacy.language import Language
from spacy.tokens import Doc, Span

from bilan.coach.features import SentenceView, dense_features, sentence_view, sparse_features
from bilan.coach.lang import get_lexicon
from bilan.coach.model import get_model, illustrated
from bilan.coach.rules import (
    MAX_HEADING_WORDS,
    SentenceFeatures,
    is_prose,
    label_sentences,
    sentence_features,
)
from bilan.coach.textutil import is_emoji

if TYPE_CHECKING:
    from thinc.types import Ints2d

_TERMINAL = ".!?…:;"
_NEWLINE = re.compile(r"\n")
# A sentence may also end on a closing quote, bracket or emoji; see _merged_sentences.
# Semicolons and colons are not closing: "problem; what I did" is one sentence for the rules.
_CLOSING = frozenset('.!?…"»)]*')
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVXivx]{1,4}\.|[a-zA-Z]\))\s*$")

for _name in (
    "coach_features",
    "coach_views",
    "coach_labels",
    "coach_rule_labels",
    "coach_prose",
    "coach_confidence",
    "coach_margins",
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Span.has_extension("coach_labels"):
    Span.set_extension("coach_labels", default=None)


class LineBreaks:
    """Start a sentence after a blank line, a heading or a line that ends a sentence.

    Runs before the parser (or sentencizer), which keep boundaries that are already set; a
    hard-wrapped paragraph still reads as one text because its lines end mid-sentence.
    """

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        if "\n" not in text:
            return doc
        # Token start offsets, once, so each line break is found by bisection, not by a loop
        # over every token in Python.
        starts = doc.to_array("IDX").tolist()
        last = len(doc) - 1
        seen: set[int] = set()
        boundaries: list[int] = []
        for match in _NEWLINE.finditer(text):
            i = bisect_right(starts, match.start()) - 1
            if i < 0 or i in seen or i >= last:
                continue
            seen.add(i)
            tok = doc[i]
            if not tok.is_space:
                continue
            line_start = text.rfind("\n", 0, tok.idx) + 1
            line = text[line_start : tok.idx].strip()
            following = doc[tok.i + 1].text[:1]
            if (
                "\n\n" in tok.text.replace(" ", "")
                or not line
                or line[-1] in _TERMINAL
                # A short line is a heading, unless the next line carries on in lower case.
                or (len(line.split()) <= MAX_HEADING_WORDS and not following.islower())
            ):
                boundaries.append(tok.i + 1)
        if boundaries:
            # One array write: the per-token setter re-scans the whole Doc on every call.
            sent_starts = doc.to_array(["SENT_START"]).reshape(-1, 1)
            sent_starts[boundaries, 0] = 1
            doc.from_array(["SENT_START"], cast("Ints2d", sent_starts))
        return doc


def _merged_sentences(doc: Doc, text: str) -> list[Span]:
    """The parser's sentences, re-joined where it cut a line before any closing punctuation.

    The small French parser sometimes ends a sentence after an opening adverb
    ("Aujourd'hui, | je sais ..."); a cut is kept only after final punctuation or a line break.
    """
    out: list[Span] = []
    pending: Span | None = None
    for sent in doc.sents:
        if pending is not None:
            sent = doc[pending.start : sent.end]
        if _NUMBERING.match(text[sent.start_char : sent.end_char]) and not _is_line_end(
            text, sent.end_char
        ):
            # "1." or "2.3" cut off the heading or list item it numbers.
            pending = sent
            continue
        elif (
            out
            and not any(ch.isalnum() for ch in text[sent.start_char : sent.end_char])
            and "\n" not in _gap(text, out[-1], sent)
        ):
            # A lone "!" or "..." cut off by the parser belongs to the sentence before.
            out[-1] = doc[out[-1].start : sent.end]
            continue
        tail = text[sent.start_char : sent.end_char].rstrip()
        gap = text[sent.start_char : sent.end_char][len(tail) :]
        ends = (
            not tail
            or tail[-1] in _CLOSING
            or is_emoji(tail[-1])
            or "\n" in gap
            or _is_line_end(text, sent.end_char)
        )
        if ends:
            out.append(sent)
            pending = None
        else:
            pending = sent
    if pending is not None:
        out.append(pending)
    return out


def _gap(text: str, before: Span, after: Span) -> str:
    """The whitespace between the last visible character of ``before`` and ``after``."""
    between = text[before.start_char : after.start_char]
    return between[len(between.rstrip()) :]


def _is_line_end(text: str, position: int) -> bool:
    rest = text[position : position + 2]
    return not rest.strip() or rest.lstrip(" \t").startswith("\n")


class SentenceFeaturizer:
    def __init__(self, language: str) -> None:
        self.lexicon = get_lexicon(language)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        features: list[SentenceFeatures] = []
        views: list[SentenceView] = []
        for sent in _merged_sentences(doc, text):
            start, end = sent.start_char, sent.end_char
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                own_line = _is_line_end(text, end) and bool(text[end:].strip())
                feats = sentence_features(
                    sent, self.lexicon, text=text, start=start, end=end, own_line=own_line
                )
                features.append(feats)
                views.append(sentence_view(sent, feats, text))
        doc._.coach_features = features
        doc._.coach_views = views
        return doc


class SentenceLabeller:
    """Labels prose sentences with the learned model; the rules' labels are kept beside them.

    The rules explain (findings say why and how to fix); where the model is shipped it decides
    the labels. Headings and list fragments without a verb get no label.
    """

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, doc: Doc) -> Doc:
        features: list[SentenceFeatures] = doc._.coach_features or []
        views: list[SentenceView] = doc._.coach_views or []
        has_tagger = doc.has_annotation("POS")
        prose = [is_prose(feats, has_tagger=has_tagger) for feats in features]
        rule_labels = [
            labels if keep else frozenset()
            for labels, keep in zip(label_sentences(features), prose, strict=True)
        ]
        labels = list(rule_labels)
        confidence = [1.0] * len(features)
        margins: list[dict[str, float]] = [{} for _ in features]
        model = get_model(self.language)
        if model is not None:
            predictions = model.predict_many(sparse_features(views), dense_features(views), prose)
            for index, prediction in enumerate(predictions):
                if prose[index]:
                    labels[index] = illustrated(prediction.labels, views, index)
                    confidence[index] = prediction.confidence
                    margins[index] = prediction.margins
        doc._.coach_labels = labels
        doc._.coach_rule_labels = rule_labels
        doc._.coach_prose = prose
        doc._.coach_confidence = confidence
        doc._.coach_margins = margins
        for feats, sentence_labels in zip(features, labels, strict=True):
            span = doc.char_span(feats.start, feats.end, alignment_mode="expand")
            if span is not None:
                span._.coach_labels = sentence_labels
        return doc


@Language.factory("coach_line_breaks")
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks()


@Language.factory("coach_features", default_config={"language": "fr"})
def make_featurizer(nlp: Language, name: str, language: str) -> SentenceFeaturizer:
    return SentenceFeaturizer(language)


@Language.factory("coach_labeller", default_config={"language": "fr"})
def make_labeller(nlp: Language, name: str, language: str) -> SentenceLabeller:
    return SentenceLabeller(language)
