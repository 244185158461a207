from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from bilan.schools.models import Enrolment
from bilan.schools.status import dossier_statuses_refresh


class Command(BaseCommand):
    help = "`bilan cohort refresh-status [--cohort ID]`: rebuild the dashboard's dossier statuses."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        refresh = sub.add_parser(
            "refresh-status",
            help="Recompute every enrolled dossier's status (readiness, feedback, meeting...).",
        )
        refresh.add_argument("--cohort", type=int, help="Only this cohort's dossiers.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "refresh-status":
            self.refresh_status(options.get("cohort"))

    def refresh_status(self, cohort_id: int | None) -> None:
        enrolments = Enrolment.objects.filter(dossier__isnull=False)
        if cohort_id is not None:
            enrolments = enrolments.filter(cohort_id=cohort_id)
        ids = list(enrolments.values_list("dossier_id", flat=True).order_by("dossier_id"))
        done = 0
        # In batches: each dossier's refresh reads a dozen tables; keep memory flat.
        for start in range(0, len(ids), 200):
            done += dossier_statuses_refresh(ids[start : start + 200])
        self.stdout.write(f"{done} dossier status(es) refreshed.")
