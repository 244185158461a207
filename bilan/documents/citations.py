"""Brief citations of evidence inside the written support, and their shortened form.

A citation is an italic run such as "(cf. e-mail de S. Laurent, 12 mai : « Merci pour le
tableau de bord »)" in French or "(see e-mail from S. Laurent, 12 May: “Thanks for the
dashboard”)" in English. It is stored in the synthesis's Markdown like any text the intern can
edit; the condensed layout recognises it and keeps only its source, which is the first thing
given up to stay within two pages.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bilan.documents.model import BulletList, Document, Language, Paragraph, Run, Section

EXCERPT_MAX_CHARS = 140

_CITATION = re.compile(
    # \s, not a space: the typography pass puts narrow no-break spaces around « » and ":".
    r"^\((?P<lead>cf\.|see)\s(?P<source>[^«“]+?)(?:\s?:\s(?:«.*?»|“.*?”))?\)$",
    re.DOTALL,
)


def _excerpt(text: str) -> str:
    text = " ".join(text.split()).strip(' «»“”"')
    if len(text) <= EXCERPT_MAX_CHARS:
        return text
    return text[: EXCERPT_MAX_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def citation_text(source: str, excerpt: str, language: Language) -> str:
    source = " ".join(source.split())
    excerpt = _excerpt(excerpt)
    if language == "en":
        return f"(see {source}: “{excerpt}”)" if excerpt else f"(see {source})"
    return f"(cf. {source} : « {excerpt} »)" if excerpt else f"(cf. {source})"


def citation_short(text: str) -> str | None:
    """The citation without its excerpt, or None if ``text`` is not a citation."""
    match = _CITATION.match(text.strip())
    if match is None:
        return None
    return f"({match['lead']} {match['source'].strip()})"


def _shorten_runs(runs: list[Run]) -> list[Run]:
    shortened = []
    for run in runs:
        short = citation_short(run.text) if run.italic else None
        if short is None:
            shortened.append(run)
        else:
            lead = run.text[: len(run.text) - len(run.text.lstrip())]
            shortened.append(replace(run, text=lead + short))
    return shortened


def shorten_citations(document: Document) -> Document:
    """The document with every citation reduced to its source (the condensed layout)."""
    sections = []
    for section in document.sections:
        blocks = [
            Paragraph(_shorten_runs(block.runs))
            if isinstance(block, Paragraph)
            else BulletList([_shorten_runs(item) for item in block.items], ordered=block.ordered)
            for block in section.blocks
        ]
        sections.append(Section(key=section.key, heading=section.heading, blocks=blocks))
    return replace(document, sections=sections)


def _key(source: str) -> str:
    return " ".join(source.split()).casefold()


def citation_source(text: str) -> str | None:
    """Who and when of a citation ("e-mail de S. Laurent, 12 mai 2026"), or None."""
    match = _CITATION.match(text.strip())
    return match["source"].strip() if match else None


def drop_citations(document: Document, sources: set[str]) -> Document:
    """The document without the citations of the given sources (traces it must not show)."""
    if not sources:
        return document
    keys = {_key(source) for source in sources}

    def keep(run: Run) -> bool:
        source = citation_source(run.text) if run.italic else None
        return source is None or _key(source) not in keys

    sections = []
    for section in document.sections:
        blocks = [
            Paragraph([run for run in block.runs if keep(run)])
            if isinstance(block, Paragraph)
            else BulletList(
                [[run for run in item if keep(run)] for item in block.items],
                ordered=block.ordered,
            )
            for block in section.blocks
        ]
        sections.append(Section(key=section.key, heading=section.heading, blocks=blocks))
    return replace(document, sections=sections)
