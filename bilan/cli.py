"""The `bilan` console command: Django's management commands under one name.

`bilan coach FILE` and `bilan traces extract` read a file and print; they need no database, so
they run without setting Django up (`bilan coach refresh`, which does, is a management
command). Everything else is a management command; dashes in a command name map to
underscores (`bilan import-framework` runs `import_framework`).
"""

from __future__ import annotations

import os
import sys


def _coach_reader(name: str) -> str:
    """Text of a file for `bilan coach`: PDF, DOCX and other documents through the trace
    extraction code (re-flowed: hyphenation, running headers and page numbers removed)."""
    from pathlib import Path

    from bilan.coach.cli import UnreadableFile, read_input
    from bilan.coach.structure import reflow_extracted
    from bilan.evidence.extraction import extract_path

    if name == "-" or Path(name).suffix.lower() in {".txt", ".md", ".markdown", ".text", ""}:
        return read_input(name)
    path = Path(name)
    if not path.is_file():
        raise FileNotFoundError(2, "No such file", name)
    lang = "en" if os.environ.get("LANG", "").lower().startswith("en") else "fr"
    result = extract_path(path, lang=lang)
    if result.error:
        raise UnreadableFile(result.error)
    text = reflow_extracted(result.text)
    if not text.strip():
        raise UnreadableFile("no text could be extracted from this file")
    return text


def _standalone(argv: list[str]) -> int | None:
    # `bilan coach refresh` works on the database: a management command, below.
    if argv[1:2] == ["coach"] and argv[2:3] != ["refresh"]:
        from bilan.coach.cli import main as coach_main

        return coach_main(argv[2:], reader=_coach_reader)
    if argv[1:3] == ["traces", "extract"]:
        from bilan.evidence.extraction.cli import main as extract_main

        return extract_main(argv[3:])
    return None


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    code = _standalone(argv)
    if code is not None:
        sys.exit(code)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bilan.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    # SQLite lives in var/; create it so a fresh clone needs no manual step.
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    execute_from_command_line(["bilan", *argv[1:]])


if __name__ == "__main__":
    main()
