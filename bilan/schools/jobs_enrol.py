"""Background job handlers of enrolment: the invitation e-mails."""

from __future__ import annotations

from typing import Any

from bilan.jobs.registry import job_handler

from .enrolment import JOB_INVITE
from .invitations import enrolment_invitation_send


@job_handler(JOB_INVITE)
def invite(payload: dict[str, Any]) -> None:
    invited_by = payload.get("invited_by_id")
    enrolment_invitation_send(
        enrolment_id=int(payload["enrolment_id"]),
        invited_by_id=int(invited_by) if invited_by else None,
    )
