"""`bilan account export|import|erase`: an account's data, for its owner or an administrator."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bilan.accounts.models import User
from bilan.privacy.records import ImportRefused
from bilan.privacy.services import account_erase, account_export, account_import


class Command(BaseCommand):
    help = "Export an account's data to a ZIP, import such a ZIP, or erase an account."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Write all of an account's data to a ZIP.")
        export.add_argument("email")
        export.add_argument("-o", "--output", required=True, help="ZIP file to write.")
        imported = sub.add_parser("import", help="Recreate an account's dossiers from a ZIP.")
        imported.add_argument("file")
        imported.add_argument("--email", help="Import into this address instead.")
        erase = sub.add_parser("erase", help="Delete an account and everything about its owner.")
        erase.add_argument("email")
        erase.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def _user(self, email: str) -> User:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {email}.")
        return user

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "export":
            user = self._user(options["email"])
            output = Path(options["output"])
            with output.open("wb") as target:
                account_export(user=user, target=target)
            self.stdout.write(f"Exported {user.email} to {output} ({output.stat().st_size} bytes).")
        elif action == "import":
            path = Path(options["file"])
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
            try:
                with path.open("rb") as source:
                    user, dossiers = account_import(source=source, email=options.get("email"))
            except ImportRefused as exc:
                raise CommandError(exc.message) from exc
            self.stdout.write(f"Imported {len(dossiers)} dossier(s) into {user.email}.")
        else:
            user = self._user(options["email"])
            if not options["yes"]:
                if not sys.stdin.isatty():
                    raise CommandError("Refusing to erase without --yes when not interactive.")
                answer = input(f"Erase {user.email} and all their data for good? [y/N] ")
                if answer.strip().lower() not in {"y", "yes", "o", "oui"}:
                    raise CommandError("Nothing erased.")
            counts = account_erase(user=user)
            self.stdout.write(
                f"Erased {user.email}: {counts['dossiers']} dossier(s), "
                f"{counts['enrolments']} enrolment(s), rater answers anonymised "
                f"{counts['anonymised']}, deleted {counts['deleted']}."
            )
