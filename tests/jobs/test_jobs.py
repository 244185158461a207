from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from bilan.jobs import services
from bilan.jobs.models import Job
from bilan.jobs.registry import job_handler

calls: list[dict] = []


@job_handler("tests.record")
def _record(payload: dict) -> None:
    calls.append(payload)


@job_handler("tests.explode")
def _explode(payload: dict) -> None:
    raise RuntimeError("boom")


def test_enqueue_claim_run(db):
    calls.clear()
    job = services.job_enqueue(kind="tests.record", payload={"n": 1})
    assert services.jobs_run_pending() == 1
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 1 and job.finished_at
    assert calls == [{"n": 1}]
    assert services.jobs_run_pending() == 0


def test_delayed_job_waits(db):
    services.job_enqueue(kind="tests.record", payload={}, delay=dt.timedelta(hours=1))
    assert services.jobs_run_pending() == 0
    assert Job.objects.get().status == Job.Status.QUEUED


def test_failing_job_is_retried_then_marked_failed(db):
    job = services.job_enqueue(kind="tests.explode", payload={})
    for _ in range(services.MAX_ATTEMPTS):
        Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
        services.jobs_run_pending()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.attempts == services.MAX_ATTEMPTS
    assert "boom" in job.last_error


def test_unknown_kind_fails_at_once(db):
    job = services.job_enqueue(kind="tests.nobody", payload={})
    services.jobs_run_pending()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "No handler" in job.last_error


def test_a_claimed_job_is_not_claimed_twice(db):
    services.job_enqueue(kind="tests.record", payload={})
    first = services.job_claim(worker="a")
    assert first is not None
    assert services.job_claim(worker="b") is None


def test_stale_running_jobs_are_released(db):
    job = services.job_enqueue(kind="tests.record", payload={})
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, locked_at=timezone.now() - dt.timedelta(hours=2)
    )
    assert services.jobs_release_stale() == 1
    assert Job.objects.get(pk=job.pk).status == Job.Status.QUEUED


def test_worker_once_runs_due_jobs_and_exits(db):
    calls.clear()
    services.job_enqueue(kind="tests.record", payload={"w": 1})
    out = StringIO()
    call_command("worker", "--once", stdout=out)
    assert calls == [{"w": 1}]
    assert "Worker stopped." in out.getvalue()


def test_worker_stops_cleanly_on_sigterm(tmp_path):
    env = {**os.environ, "BILAN_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "bilan", "migrate", "-v0"], env=env, check=True, timeout=120
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "bilan", "worker", "--poll", "0.2"],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        line = worker.stdout.readline()
        assert "started" in line
        worker.send_signal(signal.SIGTERM)
        out, _ = worker.communicate(timeout=max(1, deadline - time.monotonic()))
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0
    assert "Worker stopped." in out


def test_enqueue_once_keeps_one_waiting_job_per_kind_and_payload(db):
    first = services.job_enqueue_once(kind="tests.record", payload={"dossier_id": 1})
    again = services.job_enqueue_once(kind="tests.record", payload={"dossier_id": 1})
    other = services.job_enqueue_once(kind="tests.record", payload={"dossier_id": 2})
    assert again.pk == first.pk and other.pk != first.pk
    assert Job.objects.filter(kind="tests.record").count() == 2
    # Once it ran, a new request queues a new job: the run may have missed the new change.
    services.jobs_run_pending()
    later = services.job_enqueue_once(kind="tests.record", payload={"dossier_id": 1})
    assert later.pk not in {first.pk, other.pk} and later.status == Job.Status.QUEUED
