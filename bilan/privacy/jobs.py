"""The privacy app's background work: building large exports, and the daily retention sweep.

The daily sweep chains itself: each run queues the next one a day later, and a worker that
starts queues one if none is waiting (so a fresh deployment, or a chain broken by a run that
failed for good, starts again).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bilan.jobs.models import Job
from bilan.jobs.registry import job_handler, on_worker_start
from bilan.jobs.services import job_enqueue

from .retention import retention_purge
from .services import JOB_EXPORT, export_build, exports_purge_expired

JOB_DAILY = "privacy.daily"


def daily_queue(*, delay: dt.timedelta | None = None) -> None:
    if not Job.objects.filter(kind=JOB_DAILY, status=Job.Status.QUEUED).exists():
        job_enqueue(kind=JOB_DAILY, payload={}, delay=delay)


@on_worker_start
def _daily_on_start() -> None:
    daily_queue()


@job_handler(JOB_DAILY)
def _daily(payload: dict[str, Any]) -> None:
    daily_queue(delay=dt.timedelta(days=1))
    exports_purge_expired()
    retention_purge()


@job_handler(JOB_EXPORT)
def _export(payload: dict[str, Any]) -> None:
    export_build(export_id=int(payload["export_id"]))
