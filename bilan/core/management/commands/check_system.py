from __future__ import annotations

import importlib.util
import shutil
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Check that the system packages and models Bilan needs are present."

    def handle(self, *args: Any, **options: Any) -> None:
        problems: list[str] = []
        if importlib.util.find_spec("fr_core_news_sm") is None:
            problems.append(
                "The spaCy French model is missing: run `make install` (it installs "
                "fr-core-news-sm from PyPI)."
            )
        if shutil.which("chromium") is None:
            self.stdout.write(
                "Note: Debian's `chromium` is not installed; it is needed only for the browser "
                "tests (apt-get install chromium)."
            )
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write("System OK.")
