"""Background job handlers of the meeting app: the tutor's confirmation e-mail."""

from __future__ import annotations

from typing import Any

from bilan.jobs.registry import job_handler

from . import services


@job_handler(services.JOB_SEND)
def record_send(payload: dict[str, Any]) -> None:
    services.meeting_record_send(
        record_id=int(payload["record_id"]), version=int(payload["version"])
    )
