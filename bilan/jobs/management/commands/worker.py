from __future__ import annotations

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection

from bilan.jobs.registry import worker_start_hooks
from bilan.jobs.services import (
    jobs_purge_finished,
    jobs_release_orphaned,
    jobs_release_stale,
    jobs_run_pending,
    worker_name,
)


class Command(BaseCommand):
    help = "Run background jobs (text extraction, imports, e-mails) until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Run the jobs that are due, then exit."
        )
        parser.add_argument("--poll", type=float, default=1.0, help="Seconds between polls.")

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            # Finish the job in hand; never leave it half-written.
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        name = worker_name()
        self.stdout.write(f"Worker {name} started.")
        jobs_release_orphaned(worker=name)
        jobs_release_stale()
        for hook in worker_start_hooks():
            hook()
        last_purge = 0.0
        while not stopping:
            # Drop connections the database closed or that grew too old, as a request would;
            # never from inside a transaction (the caller's, e.g. a test's).
            if not connection.in_atomic_block:
                close_old_connections()
            ran = jobs_run_pending(limit=1, worker=name)
            if options["once"] and not ran:
                break
            if time.monotonic() - last_purge > 3600:
                jobs_purge_finished()
                jobs_release_orphaned(worker=name)
                jobs_release_stale()
                last_purge = time.monotonic()
            if not ran:
                time.sleep(options["poll"])
        self.stdout.write("Worker stopped.")
