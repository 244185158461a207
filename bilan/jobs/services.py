"""A small database-backed job queue: enqueue in the request, run in `bilan worker`.

Claiming is atomic: on PostgreSQL with SELECT ... FOR UPDATE SKIP LOCKED, on SQLite through
the write lock its IMMEDIATE transactions take, so several workers never run the same job.

Why not django-tasks (the backport of Django 6's `django.tasks`), checked on 0.12.0 and
django-tasks-db 0.13.0 (November 2026): we keep these ~100 lines, for what they do that the
library does not.

- The library defines the API (a `@task` decorator, `enqueue()`, results) and ships only an
  immediate and a dummy backend, as Django 6 does; a database queue is another package,
  django-tasks-db. Its worker (`db_worker`) has `run_after` and SKIP LOCKED, like ours.
- No retries: a task that raises is marked FAILED for good. Ours retries a job up to
  MAX_ATTEMPTS with a growing delay; an extraction that hit a busy disk or a mail server that
  refused once gets another go.
- No recovery of a dead worker's task: a task whose worker was killed (deploy, OOM during an
  extraction) stays RUNNING forever. Ours requeues jobs locked for over STALE_AFTER
  (`jobs_release_stale`, at start-up and hourly).
- A queued task names its function by import path, so moving a module (as the layering work
  did with meetings) breaks the tasks already queued. Ours stores a kind ("evidence.extract")
  that each app maps to a handler in its AppConfig, so modules move freely.
- Adopting it means a second app, its migrations and tables, and changing every caller; ours
  keeps `job_enqueue(kind=..., payload=..., delay=...)`, used across the apps.

Revisit when the project moves to Django 6 and a database backend offers retries and stale-task
recovery: the handlers would then become `@task` functions and `job_enqueue` a thin wrapper.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import traceback
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from .models import Job
from .registry import handler_for

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
STALE_AFTER = dt.timedelta(minutes=30)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def job_enqueue(*, kind: str, payload: dict[str, Any], delay: dt.timedelta | None = None) -> Job:
    """Queue a job; it becomes visible to workers when the surrounding transaction commits."""
    return Job.objects.create(
        kind=kind, payload=payload, run_after=timezone.now() + (delay or dt.timedelta())
    )


def job_enqueue_once(*, kind: str, payload: dict[str, Any]) -> Job:
    """Queue a job unless the same kind and payload already waits; returns the waiting one.

    For jobs whose run covers every earlier request (a refresh): ten saves before a worker gets
    to it make one run. Two requests racing may both queue one; the second run finds nothing
    left to do, so no lock is taken.
    """
    waiting = Job.objects.filter(kind=kind, status=Job.Status.QUEUED, payload=payload).first()
    return waiting or job_enqueue(kind=kind, payload=payload)


def job_claim(*, worker: str) -> Job | None:
    now = timezone.now()
    with transaction.atomic():
        queryset = Job.objects.filter(status=Job.Status.QUEUED, run_after__lte=now)
        if connection.features.has_select_for_update_skip_locked:
            queryset = queryset.select_for_update(skip_locked=True)
        job = queryset.order_by("run_after", "id").first()
        if job is None:
            return None
        job.status = Job.Status.RUNNING
        job.locked_by = worker
        job.locked_at = now
        job.attempts += 1
        job.save(update_fields=["status", "locked_by", "locked_at", "attempts"])
        return job


def job_run(*, job: Job) -> None:
    handler = handler_for(job.kind)
    try:
        if handler is None:
            raise LookupError(f"No handler for job kind {job.kind!r}")
        handler(job.payload)
    except Exception:
        logger.exception("Job %s failed", job)
        job.last_error = traceback.format_exc(limit=5)[-4000:]
        retry = job.attempts < MAX_ATTEMPTS and handler is not None
        job.status = Job.Status.QUEUED if retry else Job.Status.FAILED
        job.run_after = timezone.now() + dt.timedelta(seconds=30 * job.attempts)
        job.finished_at = None if retry else timezone.now()
    else:
        job.status = Job.Status.DONE
        job.finished_at = timezone.now()
    job.locked_by = ""
    job.save(update_fields=["status", "last_error", "run_after", "finished_at", "locked_by"])


def jobs_release_stale() -> int:
    """Requeue jobs whose worker died mid-run (killed, machine lost)."""
    return Job.objects.filter(
        status=Job.Status.RUNNING, locked_at__lt=timezone.now() - STALE_AFTER
    ).update(status=Job.Status.QUEUED, locked_by="")


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def jobs_release_orphaned(*, worker: str | None = None) -> int:
    """Requeue at once the jobs of workers of this machine that are gone (kill -9, OOM).

    A worker is named host:pid, so on its own machine a worker can tell that another one's
    process no longer exists: its job cannot finish and need not wait STALE_AFTER. A worker
    starting under the same name as a dead one (a container restarted with the same pid)
    holds nothing yet, so jobs under its own name are orphans too. Jobs of other machines
    wait for jobs_release_stale.
    """
    me = worker or worker_name()
    host = me.rpartition(":")[0]
    released = 0
    running = Job.objects.filter(status=Job.Status.RUNNING, locked_by__startswith=host + ":")
    for job in running.only("id", "locked_by"):
        pid = job.locked_by.rpartition(":")[2]
        if job.locked_by != me and (not pid.isdigit() or _process_alive(int(pid))):
            continue
        released += Job.objects.filter(
            pk=job.pk, status=Job.Status.RUNNING, locked_by=job.locked_by
        ).update(status=Job.Status.QUEUED, locked_by="")
    if released:
        logger.warning("Requeued %d job(s) of a worker that died on this machine", released)
    return released


def jobs_run_pending(*, limit: int | None = None, worker: str | None = None) -> int:
    """Run queued jobs until none is due (or `limit` ran); returns how many ran."""
    name = worker or worker_name()
    count = 0
    while limit is None or count < limit:
        job = job_claim(worker=name)
        if job is None:
            break
        job_run(job=job)
        count += 1
    return count


def jobs_purge_finished(*, older_than: dt.timedelta = dt.timedelta(days=7)) -> int:
    deleted, _ = Job.objects.filter(
        status=Job.Status.DONE, finished_at__lt=timezone.now() - older_than
    ).delete()
    return deleted
