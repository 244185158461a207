from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from bilan.schools.enrolment import (
    EnrolmentFileError,
    enrolment_counts,
    enrolment_csv_read,
    enrolment_rows_check,
    enrolment_rows_import,
    enrolment_rows_plan,
    max_bytes,
)
from bilan.schools.models import Cohort, Enrolment
from bilan.schools.status import dossier_statuses_refresh

# Dossiers refreshed per batch by `refresh-status`: each reads a dozen tables; memory stays flat.
REFRESH_BATCH = 200


def _language() -> str:
    """French unless the shell speaks English, as `bilan coach` decides."""
    lang = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG", "")
    return "en" if lang.lower().startswith("en") else "fr"


class Command(BaseCommand):
    help = (
        "Cohorts from the command line: `bilan cohort import COHORT_ID FILE.csv [--dry-run]` "
        "enrols interns as the web import does (all lines or none); "
        "`bilan cohort refresh-status [--cohort ID]` rebuilds the dashboard's dossier statuses."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        importer = sub.add_parser("import", help="Enrol the interns of a CSV file in a cohort.")
        importer.add_argument("cohort_id", type=int)
        importer.add_argument("file", type=Path)
        importer.add_argument(
            "--dry-run", action="store_true", help="Check and count; write nothing."
        )
        refresh = sub.add_parser(
            "refresh-status",
            help="Recompute every enrolled dossier's status (readiness, feedback, meeting...).",
        )
        refresh.add_argument("--cohort", type=int, help="Only this cohort's dossiers.")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(_language()):
            if options["action"] == "import":
                self._import(options["cohort_id"], options["file"], dry_run=options["dry_run"])
            elif options["action"] == "refresh-status":
                self._refresh_status(options.get("cohort"))

    def _refresh_status(self, cohort_id: int | None) -> None:
        enrolments = Enrolment.objects.filter(dossier__isnull=False)
        if cohort_id is not None:
            enrolments = enrolments.filter(cohort_id=cohort_id)
        ids = list(enrolments.values_list("dossier_id", flat=True).order_by("dossier_id"))
        done = 0
        for start in range(0, len(ids), REFRESH_BATCH):
            done += dossier_statuses_refresh(ids[start : start + REFRESH_BATCH])
        self.stdout.write(f"{done} dossier status(es) refreshed.")

    def _import(self, cohort_id: int, path: Path, *, dry_run: bool) -> None:
        cohort = (
            Cohort.objects.select_related("programme__organisation").filter(pk=cohort_id).first()
        )
        if cohort is None:
            raise CommandError(_("Aucune promotion n'a l'identifiant %(id)d.") % {"id": cohort_id})
        if not path.is_file():
            raise CommandError(_("Fichier introuvable : %(path)s") % {"path": path})
        if path.stat().st_size > max_bytes():
            raise CommandError(
                _("Le fichier dépasse la taille maximale (%(size)d Kio).")
                % {"size": max_bytes() // 1024}
            )
        try:
            rows, errors = enrolment_rows_check(cohort, enrolment_csv_read(path.read_bytes()))
        except EnrolmentFileError as refusal:
            raise CommandError(" ".join(refusal.messages)) from refusal
        for problem in errors:
            self.stderr.write(
                _("ligne %(line)d, %(column)s : %(message)s")
                % {"line": problem.line, "column": problem.column, "message": problem.message}
            )
        if errors:
            raise CommandError(
                _("%(count)d erreur(s) : rien n'a été importé.") % {"count": len(errors)}
            )
        if dry_run:
            result = enrolment_counts(enrolment_rows_plan(cohort, rows))
            self.stdout.write(
                _("Simulation, rien d'écrit : %(summary)s") % {"summary": result.summary()}
            )
            return
        try:
            result = enrolment_rows_import(cohort, rows)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(result.summary())
