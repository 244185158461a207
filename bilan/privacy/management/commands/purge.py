"""`bilan purge`: warn, then delete, dossiers past their retention period (the worker runs it
daily; this is for running it by hand or from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from bilan.privacy.retention import retention_purge
from bilan.privacy.services import exports_purge_expired


class Command(BaseCommand):
    help = "Delete dossiers past their retention period, warning their owners 30 days before."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would happen; change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry = options["dry_run"]
        report = retention_purge(dry_run=dry)
        if not dry:
            exports_purge_expired()
        verb = "would be" if dry else "were"
        self.stdout.write(f"{len(report.warned)} owner(s) {verb} warned: {report.warned}")
        self.stdout.write(f"{len(report.deleted)} dossier(s) {verb} deleted: {report.deleted}")
        self.stdout.write(f"{len(report.waiting)} dossier(s) wait for their notice to end.")
