"""The coach's verdicts, stored with the text they judged and recomputed in the worker.

A stored result is current when its ``content_hash`` is the hash of the text as it is now and
its ``coach_version`` is :data:`bilan.coach.COACH_VERSION`. Saving a text queues
``coach.refresh_dossier`` for its dossier (see ``dossier_texts_changed`` in the dossiers app);
the worker then re-analyses only the texts whose result is missing or stale, in batches
through ``nlp.pipe``, and drops the results of texts that are gone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from bilan.coach import LABELS, Analysis, analyse_many
from bilan.coach import version as coach_version_module
from bilan.dossiers.models import Dossier
from bilan.dossiers.services import JOB_TEXTS_CHANGED, dossier_texts_changed
from bilan.jobs.models import Job

from .models import CoachResult
from .texts import TextSource, dossier_sources

# Texts analysed per nlp.pipe call and written per bulk upsert: progress shows between two.
BATCH_SIZE = 64

Progress = Callable[[int, int], None]


def coach_version() -> str:
    """The running coach's version, read at call time (a test or a deployment may change it)."""
    return coach_version_module.COACH_VERSION


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def _serialise(analysis: Analysis) -> dict[str, Any]:
    """What the panel needs, without the sentences' text (the source still holds it)."""
    sentences = [s for s in analysis.sentences if not s.is_heading]
    prose = [s for s in sentences if s.prose]
    labels: Counter[str] = Counter()
    prose_labels: Counter[str] = Counter()
    for sentence in sentences:
        labels.update(sentence.labels)
        if sentence.prose:
            prose_labels.update(sentence.labels)
    return {
        "language": analysis.language,
        "sentences": [
            {
                "start": s.start,
                "end": s.end,
                "labels": [label for label in LABELS if label in s.labels],
                "is_heading": s.is_heading,
                "prose": s.prose and not s.is_heading,
                "confidence": s.confidence,
            }
            for s in analysis.sentences
        ],
        "findings": [finding.to_dict() for finding in analysis.findings],
        "figures": analysis.figures.to_dict(),
        "counts": {
            "sentences": len(sentences),
            "prose_sentences": len(prose),
            # Sentences whose labels the coach's model is unsure of: shown, not asserted.
            "uncertain": sum(1 for s in prose if s.uncertain),
            "labels": dict(labels),
            "prose_labels": dict(prose_labels),
        },
    }


TOO_LONG: dict[str, Any] = {
    "too_long": True,
    "sentences": [],
    "findings": [],
    "counts": {"sentences": 0, "prose_sentences": 0, "labels": {}, "prose_labels": {}},
}


@dataclass
class RefreshOutcome:
    texts: int = 0
    analysed: int = 0
    removed: int = 0

    @property
    def unchanged(self) -> int:
        return self.texts - self.analysed


def stored_state(*, dossier_id: int) -> dict[tuple[str, int, str], tuple[int, str, str]]:
    """{text key: (result id, content hash, coach version)} for the dossier's stored results."""
    rows = CoachResult.objects.filter(dossier_id=dossier_id).values_list(
        "id", "source", "object_id", "field", "content_hash", "coach_version"
    )
    return {(s, o, f): (pk, h, v) for pk, s, o, f, h, v in rows}


def is_current(source: TextSource, state: tuple[int, str, str] | None, version: str) -> bool:
    return state is not None and state[1:] == (content_hash(source.text), version)


def _analyse_chunk(chunk: Sequence[TextSource]) -> list[dict[str, Any]]:
    limit = int(settings.BILAN_COACH_MAX_CHARS)
    fitting = [source.text for source in chunk if len(source.text) <= limit]
    analyses = iter(analyse_many(fitting, max_chars=limit))
    return [
        _serialise(next(analyses)) if len(source.text) <= limit else TOO_LONG for source in chunk
    ]


def verdicts_refresh(*, dossier_id: int, on_progress: Progress | None = None) -> RefreshOutcome:
    """Bring the dossier's stored results up to date; analyse only what changed."""
    dossier = Dossier.objects.filter(pk=dossier_id).first()
    if dossier is None:
        return RefreshOutcome()
    version = coach_version()
    sources = dossier_sources(dossier=dossier)
    state = stored_state(dossier_id=dossier.pk)
    todo = [source for source in sources if not is_current(source, state.get(source.key), version)]
    keys = {source.key for source in sources}
    gone = [pk for key, (pk, _h, _v) in state.items() if key not in keys]
    removed = CoachResult.objects.filter(pk__in=gone).delete()[0] if gone else 0
    outcome = RefreshOutcome(texts=len(sources), removed=removed)
    if on_progress is not None:
        on_progress(0, len(todo))
    for start in range(0, len(todo), BATCH_SIZE):
        chunk = todo[start : start + BATCH_SIZE]
        now = timezone.now()
        rows = [
            CoachResult(
                dossier=dossier,
                source=source.source,
                object_id=source.object_id,
                field=source.field,
                content_hash=content_hash(source.text),
                coach_version=version,
                language=str(data.get("language", "")),
                analysis=data,
                computed_at=now,
            )
            for source, data in zip(chunk, _analyse_chunk(chunk), strict=True)
        ]
        CoachResult.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["dossier", "source", "object_id", "field"],
            update_fields=["content_hash", "coach_version", "language", "analysis", "computed_at"],
        )
        outcome.analysed += len(chunk)
        if on_progress is not None:
            on_progress(outcome.analysed, len(todo))
    return outcome


# After a refresh failed for good, the panel waits this long before queueing another one, so
# a text that breaks the coach does not make every page view queue a doomed job.
RETRY_FAILED_AFTER = dt.timedelta(minutes=15)


def verdicts_refresh_state(*, dossier_id: int) -> str:
    """``"requested"`` (waiting or running), ``"failed"`` (recently, for good) or ``""``."""
    last = (
        Job.objects.filter(kind=JOB_TEXTS_CHANGED, payload={"dossier_id": dossier_id})
        .order_by("-id")
        .values_list("status", "finished_at")
        .first()
    )
    if last is None:
        return ""
    status, finished_at = last
    if status in (Job.Status.QUEUED, Job.Status.RUNNING):
        return "requested"
    if (
        status == Job.Status.FAILED
        and finished_at
        and finished_at > (timezone.now() - RETRY_FAILED_AFTER)
    ):
        return "failed"
    return ""


def verdicts_request_stale() -> int:
    """Queue a refresh of every dossier holding results of another coach version.

    Run by each worker when it starts (so a deployment with a new coach refreshes every stored
    result in the background, with no manual step); the queue keeps one refresh per dossier,
    so several workers starting together cost nothing more.
    """
    dossier_ids = (
        CoachResult.objects.exclude(coach_version=coach_version())
        .values_list("dossier_id", flat=True)
        .distinct()
    )
    count = 0
    for dossier_id in dossier_ids:
        dossier_texts_changed(dossier_id=dossier_id)
        count += 1
    return count
