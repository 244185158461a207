from __future__ import annotations

import importlib.util
import shutil
from typing import Any

from django.core.management.base import BaseCommand, CommandError

PANGO_HINT = (
    "WeasyPrint (PDF export) cannot load Pango: install the system libraries, e.g. on "
    "Debian/Ubuntu `apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core`, "
    "on Fedora `dnf install pango`, on macOS `brew install pango`."
)


class Command(BaseCommand):
    help = "Check that the system libraries and models Bilan needs are present."

    def handle(self, *args: Any, **options: Any) -> None:
        problems: list[str] = []
        if importlib.util.find_spec("fr_core_news_sm") is None:
            problems.append(
                "The spaCy French model is missing: run `make install` (it installs "
                "fr-core-news-sm from PyPI)."
            )
        try:
            import weasyprint  # noqa: F401 — loading it is the check (it opens Pango)
        except OSError as error:
            problems.append(f"{PANGO_HINT} ({error})")
        if shutil.which("chromium") is None:
            self.stdout.write(
                "Note: Debian's `chromium` is not installed; only the browser tests need it "
                "(apt-get install chromium)."
            )
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write("System OK.")
