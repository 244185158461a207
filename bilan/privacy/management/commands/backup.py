"""`bilan backup -o FILE`: the database and every stored file in one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bilan.privacy.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "Write a consistent backup of the database and the stored files to one archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", required=True, help="Archive to write (.zip).")

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        try:
            manifest = backup_write(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backup written to {output}: {manifest['database_vendor']} database, "
            f"{len(manifest['files'])} file(s), {output.stat().st_size} bytes."
        )
