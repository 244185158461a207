"""Background job handlers of the writing app: the coach's verdicts on a dossier's texts."""

from __future__ import annotations

from typing import Any

from bilan.dossiers.services import JOB_TEXTS_CHANGED
from bilan.jobs.registry import job_handler, on_worker_start

from . import verdicts


@job_handler(JOB_TEXTS_CHANGED)
def refresh_dossier(payload: dict[str, Any]) -> None:
    verdicts.verdicts_refresh(dossier_id=int(payload["dossier_id"]))


@on_worker_start
def refresh_stale() -> None:
    verdicts.verdicts_request_stale()
