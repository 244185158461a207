"""``bilan traces extract FILE``: show what Bilan would extract from a file, touching no database.

Exit codes: 0 extracted, 1 text not extracted (the error is printed, JSON still printed),
2 usage error or missing file.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from .core import MAILBOX_TYPES, extract_path, iter_mailbox, probe_path
from .errors import DEFAULT_LANG, ExtractionFailed
from .isolated import extract_file_isolated
from .limits import DEFAULT_LIMITS
from .result import Extracted

LABELS = {
    "fr": {
        "type": "Type",
        "title": "Titre",
        "author": "Auteur",
        "date": "Date",
        "error": "Erreur",
        "attachment": "Pièce jointe",
    },
    "en": {
        "type": "Type",
        "title": "Title",
        "author": "Author",
        "date": "Date",
        "error": "Error",
        "attachment": "Attachment",
    },
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bilan traces extract",
        description="Print the detected type, metadata and text of one trace file.",
    )
    parser.add_argument("file", type=Path, help="document, e-mail, MBOX or ZIP of EML files")
    parser.add_argument("--format", choices=("json", "text"), default="text")
    parser.add_argument("--lang", choices=("fr", "en"), default=DEFAULT_LANG)
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="skip the child process (faster, but no hard time or memory limit)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else 2
    path: Path = args.file
    if not path.is_file():
        print(f"{parser.prog}: {path}: no such file", file=sys.stderr)
        return 2
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    out = sys.stdout
    try:
        kind, _size = probe_path(path)
    except ExtractionFailed as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1
    if kind in MAILBOX_TYPES:
        return _mailbox(path, kind, args.format, args.lang, out)
    if args.in_process:
        result = extract_path(path, limits=DEFAULT_LIMITS, lang=args.lang)
    else:
        result = extract_file_isolated(path, limits=DEFAULT_LIMITS, lang=args.lang)
    if args.format == "json":
        json.dump(result.to_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _write_text(result, args.lang, out)
    if result.error:
        print(result.error, file=sys.stderr)
        return 1
    return 0


def _mailbox(path: Path, kind: str, fmt: str, lang: str, out: TextIO) -> int:
    """Streamed: each message is printed as soon as it is extracted."""
    failed = False
    first = True
    if fmt == "json":
        out.write("[")
    for result in _messages(path, kind, lang):
        failed = failed or bool(result.error)
        if fmt == "json":
            out.write("\n" if first else ",\n")
            out.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        else:
            if not first:
                out.write("\n" + "=" * 72 + "\n\n")
            _write_text(result, lang, out)
        if result.error:
            print(result.error, file=sys.stderr)
        first = False
    if fmt == "json":
        out.write("\n]\n")
    return 1 if failed else 0


def _messages(path: Path, kind: str, lang: str) -> Iterator[Extracted]:
    try:
        yield from iter_mailbox(path, limits=DEFAULT_LIMITS, lang=lang)
    except ExtractionFailed as exc:
        # The mailbox itself failed: one last entry says why, after the messages already read.
        yield Extracted(type=kind, filename=path.name, error=exc.message(lang), error_code=exc.code)


def _write_text(result: Extracted, lang: str, out: TextIO, indent: str = "") -> None:
    labels = LABELS.get(lang, LABELS["fr"])
    # French typography puts a space before the colon.
    separator = " : " if lang == "fr" else ": "
    lines = [f"{labels['type']}{separator}{result.type}"]
    for key, value in (
        ("title", result.title),
        ("author", result.author),
        ("date", result.date.isoformat() if result.date else None),
        ("error", result.error),
    ):
        if value:
            lines.append(f"{labels[key]}{separator}{value}")
    out.write("".join(f"{indent}{line}\n" for line in lines))
    if result.text:
        out.write("\n")
        out.write("".join(f"{indent}{line}\n" for line in result.text.split("\n")))
    for child in result.children:
        out.write(f"\n{indent}--- {labels['attachment']}{separator}{child.filename or ''}\n")
        _write_text(child, lang, out, indent + "    ")
