from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bilan.documents.limits import DocumentTooLarge
from bilan.dossiers.models import Dossier
from bilan.synthesis import services


class Command(BaseCommand):
    help = "`bilan synthesis export DOSSIER_ID --format pdf|docx|md -o FILE` (as the web does)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Write a dossier's current synthesis to a file.")
        export.add_argument("dossier_id", type=int)
        export.add_argument("--format", dest="fmt", choices=services.FORMATS, default="pdf")
        export.add_argument("-o", "--output", type=Path, required=True)
        export.add_argument(
            "--condensed", action="store_true", help="Tighter layout (PDF), nothing cut."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dossier = Dossier.objects.filter(pk=options["dossier_id"]).first()
        if dossier is None:
            raise CommandError(f"No dossier with id {options['dossier_id']}.")
        # A dossier without a synthesis yet gets its first draft, as the web's first visit does.
        services.synthesis_generate(dossier=dossier)
        try:
            rendered = services.synthesis_render(
                dossier=dossier, fmt=options["fmt"], condensed=options["condensed"] or None
            )
        except DocumentTooLarge as error:
            raise CommandError(str(error)) from error
        output: Path = options["output"]
        output.write_bytes(rendered.content)
        line = f"{output}: {options['fmt']}, {len(rendered.content)} bytes"
        if rendered.pages is not None:
            line += f", {rendered.pages} page(s)"
            if rendered.pages > services.MAX_PAGES:
                line += f" — longer than {services.MAX_PAGES} pages; try --condensed"
        self.stdout.write(line)
