"""`bilan restore FILE`: bring a backup back into an empty instance."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bilan.privacy.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup (database and stored files) into an empty instance."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Archive written by `bilan backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the data this instance already has (everything is overwritten).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            report = backup_restore(path, force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = report.manifest
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} (Bilan {manifest['bilan_version']}): "
            f"database and {len(report.files)} file(s). Run `bilan migrate` if this Bilan is newer."
        )
