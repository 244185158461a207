"""Background job handlers of the schools app."""

from __future__ import annotations

from typing import Any

from bilan.jobs.registry import job_handler

from .emails import member_welcome_send
from .organisations import JOB_MEMBER_WELCOME


@job_handler(JOB_MEMBER_WELCOME)
def member_welcome(payload: dict[str, Any]) -> None:
    added_by = payload.get("added_by")
    member_welcome_send(
        membership_id=int(payload["membership_id"]),
        added_by_id=int(added_by) if added_by else None,
    )
