"""Command line: ``bilan coach FILE`` (the project's CLI wires ``main`` to that command).

Also runnable on its own: ``python -m bilan.coach.cli FILE`` (plain text and Markdown only).
Exit status 0 on success, 2 when the file cannot be read or the text is too long. The project's
``bilan coach`` passes a ``reader`` that also takes PDF and DOCX files, through the trace
extraction package; this module stays free of it.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

from bilan.coach.api import MAX_CHARS, analyse
from bilan.coach.errors import TextTooLong
from bilan.coach.lang import SUPPORTED_LANGUAGES, get_lexicon
from bilan.coach.results import LABELS, Analysis, Finding

EXIT_OK = 0
EXIT_USAGE = 2
_WRAP = 96


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bilan coach",
        description="Check a review text (bilan de fin de stage) and suggest improvements.",
    )
    parser.add_argument(
        "file",
        help="file to check (.txt, .md; .pdf and .docx through `bilan coach`), or - for stdin",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", dest="output")
    parser.add_argument("--lang", choices=SUPPORTED_LANGUAGES, default=None)
    parser.add_argument("--max-chars", type=int, default=MAX_CHARS, help=argparse.SUPPRESS)
    return parser


def read_input(name: str) -> str:
    """The text of ``name`` (``-`` is stdin); undecodable bytes become U+FFFD, not an error."""
    if name == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is not None:
            return bytes(buffer.read()).decode("utf-8", errors="replace")
        return sys.stdin.read()
    return Path(name).read_bytes().decode("utf-8", errors="replace")


def render_text(analysis: Analysis) -> str:
    messages = get_lexicon(analysis.language).messages
    names = messages.label_names
    figures = analysis.figures
    lines = [
        f"[{analysis.language}] "
        + (
            messages.summary_one_sentence if figures.sentence_count == 1 else messages.summary
        ).format(
            words=figures.word_count,
            sentences=figures.sentence_count,
            share=round(100 * figures.reflective_share),
        ),
        "",
    ]
    sentence_level = [f for f in analysis.findings if f.scope == "sentence"]
    for number, sentence in enumerate(analysis.sentences, start=1):
        if not sentence.prose:
            lines.append(sentence.text.strip())
            continue
        labels = ", ".join(names.get(label, label) for label in LABELS if label in sentence.labels)
        if sentence.uncertain:
            labels = f"{labels or '-'}; {messages.uncertain}"
        lines.extend(
            textwrap.wrap(
                f"{number:>3}. {sentence.text} [{labels or '-'}]",
                _WRAP,
                subsequent_indent="     ",
            )
        )
        for finding in sentence_level:
            if sentence.start <= finding.start < sentence.end:
                lines.extend(_finding_lines(finding))
    document = [f for f in analysis.findings if f.scope == "document"]
    lines.append("")
    lines.append(f"== {messages.document_heading}")
    if not document:
        lines.append(f"     {messages.no_findings}")
    for finding in document:
        lines.extend(_finding_lines(finding))
    return "\n".join(lines)


def _finding_lines(finding: Finding) -> list[str]:
    out = textwrap.wrap(
        f"! {finding.code}: {finding.message}",
        _WRAP,
        initial_indent="     ",
        subsequent_indent="       ",
    )
    out.extend(
        textwrap.wrap(
            f"-> {finding.suggestion}",
            _WRAP,
            initial_indent="       ",
            subsequent_indent="          ",
        )
    )
    return out


class UnreadableFile(Exception):
    """A reader's clear reason why a file gives no text (unsupported, corrupt, encrypted)."""


def main(argv: Sequence[str] | None = None, *, reader: Callable[[str], str] | None = None) -> int:
    args = build_parser().parse_args(None if argv is None else list(argv))
    try:
        text = (reader or read_input)(args.file)
    except OSError as exc:
        print(f"bilan coach: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except UnreadableFile as exc:
        print(f"bilan coach: {args.file}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        analysis = analyse(text, language=args.lang, max_chars=args.max_chars)
    except TextTooLong as exc:
        print(f"bilan coach: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.output == "json":
        print(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_text(analysis))
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
