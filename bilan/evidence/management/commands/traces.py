from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bilan.dossiers.models import Dossier
from bilan.evidence import services
from bilan.evidence.models import MailboxImport, Trace
from bilan.jobs.services import jobs_run_pending


class _Upload(File):
    """A file on disk presented like an upload, so the CLI takes the web's code path."""

    def __init__(self, path: Path) -> None:
        super().__init__(path.open("rb"), name=path.name)
        self.size = path.stat().st_size
        self._path = path

    def temporary_file_path(self) -> str:
        return str(self._path.resolve())


class Command(BaseCommand):
    help = (
        "Traces from the command line: `bilan traces import DOSSIER_ID FILE...`, "
        "`bilan traces extract FILE [--format json]` (no database needed)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        importer = sub.add_parser("import", help="Add files or mailboxes to a dossier's traces.")
        importer.add_argument("dossier_id", type=int)
        importer.add_argument("files", nargs="+", type=Path)
        importer.add_argument("--kind", default=Trace.Kind.OTHER, choices=Trace.Kind.values)
        importer.add_argument("--confidential", action="store_true")
        importer.add_argument(
            "--no-wait", action="store_true", help="Queue the extraction for the worker."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dossier = Dossier.objects.filter(pk=options["dossier_id"]).first()
        if dossier is None:
            raise CommandError(f"No dossier with id {options['dossier_id']}.")
        missing = [str(path) for path in options["files"] if not path.is_file()]
        if missing:
            raise CommandError("File not found: " + ", ".join(missing))
        uploads = [_Upload(path) for path in options["files"]]
        try:
            outcome = services.traces_upload(
                dossier=dossier,
                files=uploads,  # type: ignore[arg-type]
                kind=options["kind"],
                confidential=options["confidential"],
            )
        finally:
            for upload in uploads:
                upload.close()
        for name, text in outcome.refused:
            self.stderr.write(f"refused: {name} — {text}" if name else f"refused: {text}")
        for name in outcome.duplicates:
            self.stdout.write(f"already imported: {name}")
        if not options["no_wait"]:
            self._run_with_progress(outcome)
        created = dossier.traces.count()
        self.stdout.write(
            f"{len(outcome.traces)} file(s) added, {len(outcome.imports)} mailbox(es) imported, "
            f"{len(outcome.duplicates)} duplicate(s), {len(outcome.refused)} refused; "
            f"dossier {dossier.pk} now has {created} trace(s)."
        )
        if outcome.refused and not (outcome.traces or outcome.imports):
            raise CommandError("Nothing was imported.")

    def _run_with_progress(self, outcome: services.UploadOutcome) -> None:
        interactive = sys.stdout.isatty()

        def show(job: MailboxImport) -> None:
            if not interactive:
                return
            width = 30
            filled = int(width * job.percent / 100)
            bar = "#" * filled + "-" * (width - filled)
            self.stdout.write(
                f"\r{job.filename[:30]:30} [{bar}] {job.processed}/{job.expected or '?'}",
                ending="",
            )

        for job in outcome.imports:
            services.mailbox_import_run(import_id=job.pk, on_progress=show)
            if interactive:
                self.stdout.write("")
            job.refresh_from_db()
            line = (
                f"{job.filename}: {job.created} message(s) imported, {job.duplicates} duplicate(s)"
            )
            if job.error_code:
                line += f" — {job.error_message()}"
            self.stdout.write(line)
        # The jobs queued for single files run here, through the same handlers as the worker.
        jobs_run_pending()
        for trace in outcome.traces:
            trace.refresh_from_db()
            state = trace.extraction_error_message() or f"{len(trace.text)} characters"
            self.stdout.write(f"{trace.filename}: {trace.detected_type}, {state}")
