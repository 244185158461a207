"""Background job handlers of the evidence app."""

from __future__ import annotations

from typing import Any

from bilan.jobs.registry import job_handler

from . import services


@job_handler(services.JOB_EXTRACT)
def extract(payload: dict[str, Any]) -> None:
    services.trace_extract(trace_id=int(payload["trace_id"]))


@job_handler(services.JOB_IMPORT_MAILBOX)
def import_mailbox(payload: dict[str, Any]) -> None:
    services.mailbox_import_run(import_id=int(payload["import_id"]))
