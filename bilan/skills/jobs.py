"""Background job handlers of the skills app."""

from __future__ import annotations

from typing import Any

from bilan.dossiers.models import Dossier
from bilan.jobs.registry import job_handler

from . import services


@job_handler(services.JOB_SUGGEST)
def suggestions_run(payload: dict[str, Any]) -> None:
    dossier = Dossier.objects.filter(pk=int(payload["dossier_id"])).first()
    if dossier is not None:  # deleted since: nothing to suggest
        services.suggestions_run(dossier=dossier)
