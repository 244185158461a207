"""Background job handlers of the feedback app: e-mails to raters, hidden-skill detection."""

from __future__ import annotations

from typing import Any

from bilan.jobs.registry import job_handler

from . import services


@job_handler(services.JOB_SEND)
def send(payload: dict[str, Any]) -> None:
    services.feedback_request_send(request_id=int(payload["request_id"]))


@job_handler(services.JOB_REMIND)
def remind(payload: dict[str, Any]) -> None:
    services.feedback_request_remind(
        request_id=int(payload["request_id"]), send=int(payload["send"])
    )


@job_handler(services.JOB_DISCOVER)
def discover(payload: dict[str, Any]) -> None:
    services.discoveries_find(answer_id=int(payload["answer_id"]))
