"""`bilan import-framework esco|rome|custom ...`: import a skills framework from its files.

The whole input is parsed before anything is written, and the write is one transaction: a
malformed file changes nothing. The run ends with one line of counts.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bilan.skills import importers, services
from bilan.skills.models import Framework

ESCO_NAME = "ESCO — aptitudes et compétences"
ESCO_DESCRIPTION = (
    "ESCO, European Skills, Competences, Qualifications and Occupations. © Union européenne."
)
ROME_NAME = "ROME 4.0 — compétences et savoir-être (France Travail)"
ROME_DESCRIPTION = "France Travail — ROME 4.0, Licence Ouverte / Etalab 2.0."


class Command(BaseCommand):
    help = "Import a skills framework: ESCO CSV, ROME 4.0 CSV folder, or a custom CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        sources = parser.add_subparsers(dest="source", required=True)
        esco = sources.add_parser("esco", help="ESCO skills CSV (skills_fr.csv, skills_en.csv)")
        esco.add_argument("skills_csv", type=Path)
        esco.add_argument("--hierarchy", type=Path, help="broaderRelationsSkillPillar.csv")
        esco.add_argument("--language", choices=["fr", "en"], help="default: from the file name")
        rome = sources.add_parser("rome", help="folder of the ROME 4.0 CSV files")
        rome.add_argument("folder", type=Path)
        custom = sources.add_parser("custom", help="an organisation's framework in Bilan's CSV")
        custom.add_argument("csv", type=Path)
        custom.add_argument("--key", required=True, help="short identifier, e.g. rncp-35185")
        custom.add_argument("--name", required=True, help="name shown to interns")
        custom.add_argument("--description", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        source = options["source"]
        try:
            if source == "esco":
                rows = importers.parse_esco(
                    options["skills_csv"],
                    hierarchy_path=options["hierarchy"],
                    language=options["language"],
                )
                key, name, description = "esco", ESCO_NAME, ESCO_DESCRIPTION
            elif source == "rome":
                rows = importers.parse_rome(options["folder"])
                key, name, description = "rome", ROME_NAME, ROME_DESCRIPTION
            else:
                key = options["key"]
                if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,49}", key) or key in {"esco", "rome"}:
                    raise CommandError(
                        _(
                            "Clé « %(key)s » invalide : minuscules, chiffres, - et _ "
                            "(et ni esco ni rome)."
                        )
                        % {"key": key}
                    )
                if Framework.objects.filter(key=key, source="builtin").exists():
                    raise CommandError(
                        _("La clé « %(key)s » est celle d'un référentiel fourni.") % {"key": key}
                    )
                rows = importers.parse_custom(options["csv"])
                name, description = options["name"], options["description"]
            counts = services.framework_import(
                key=key, name=name, source=source, rows=rows, description=description
            )
        except importers.FrameworkFileError as error:
            raise CommandError(_("Rien n'a été importé. %(error)s") % {"error": error}) from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            _(
                "%(key)s : %(created)d créées, %(updated)d mises à jour, "
                "%(unchanged)d inchangées (%(seconds).1f s)"
            )
            % {
                "key": key,
                "created": counts.created,
                "updated": counts.updated,
                "unchanged": counts.unchanged,
                "seconds": time.monotonic() - started,
            }
        )
