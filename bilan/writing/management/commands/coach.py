from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bilan.dossiers.models import Dossier
from bilan.writing.verdicts import RefreshOutcome, verdicts_refresh


class Command(BaseCommand):
    help = (
        "The coach on stored texts: `bilan coach refresh [--dossier ID]` analyses every text "
        "whose stored result is missing or stale (backfill, or after a coach update). "
        "`bilan coach FILE` checks a file and needs no database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        refresh = sub.add_parser("refresh", help="Bring the stored results up to date.")
        refresh.add_argument("--dossier", type=int, default=None, help="Only this dossier.")

    def handle(self, *args: Any, **options: Any) -> None:
        dossiers = Dossier.objects.order_by("id")
        if options["dossier"] is not None:
            dossiers = dossiers.filter(pk=options["dossier"])
            if not dossiers.exists():
                raise CommandError(f"No dossier with id {options['dossier']}.")
        ids = list(dossiers.values_list("id", flat=True))
        interactive = sys.stdout.isatty()
        total = RefreshOutcome()
        for number, dossier_id in enumerate(ids, start=1):

            def show(done: int, todo: int, number: int = number) -> None:
                if not interactive:
                    return
                # One line, rewritten: the bar covers all dossiers, within one its texts.
                within = done / todo if todo else 1.0
                width = 30
                filled = int(width * (number - 1 + within) / len(ids))
                bar = "#" * filled + "-" * (width - filled)
                self.stdout.write(
                    f"\r[{bar}] dossier {number}/{len(ids)}: {done}/{todo} text(s)   ",
                    ending="",
                )

            outcome = verdicts_refresh(dossier_id=dossier_id, on_progress=show)
            total.texts += outcome.texts
            total.analysed += outcome.analysed
            total.removed += outcome.removed
        if interactive:
            self.stdout.write("")
        self.stdout.write(
            f"{len(ids)} dossier(s): {total.analysed} text(s) analysed, "
            f"{total.unchanged} unchanged, {total.removed} stale result(s) removed."
        )
