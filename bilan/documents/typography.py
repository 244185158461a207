"""French typography for the documents handed to a reader.

French sets a narrow no-break space (U+202F) before ``; : ? !`` and inside « guillemets », so
the sign never starts a line on its own. Interns type a plain space, a no-break space or none;
every export gets the same result. Times (14:30), addresses (https://) and ratios are left
alone: a colon only gets its space when a space or the end of the text follows it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bilan.documents.model import Block, BulletList, Document, Paragraph, Run, Section

NNBSP = "\u202f"
_SPACES = "[ \u00a0\u202f]"
# Any spacing before a high sign, after a letter, digit, closing bracket or quote.
_BEFORE_HIGH = re.compile(rf"(?<=[\w)\]»\"'’]){_SPACES}*([;?!]+)(?=$|[\s)»\"'’.,]|[;?!])")
_BEFORE_COLON = re.compile(rf"(?<=[\w)\]»\"'’]){_SPACES}*:(?=$|\s)")
_AFTER_OPEN = re.compile(rf"«{_SPACES}*")
_BEFORE_CLOSE = re.compile(rf"{_SPACES}*»")


def french_spacing(text: str) -> str:
    text = _BEFORE_HIGH.sub(lambda m: NNBSP + m[1], text)
    text = _BEFORE_COLON.sub(NNBSP + ":", text)
    text = _AFTER_OPEN.sub("«" + NNBSP, text)
    return _BEFORE_CLOSE.sub(NNBSP + "»", text)


_LEADING_SIGN = re.compile(rf"{_SPACES}*(?=[;:?!](?:$|\s))")


def _runs(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for index, run in enumerate(runs):
        text = french_spacing(run.text)
        # "**Label** : text": the sign opens the next run, after a word in the previous one.
        if index and re.search(r"\w$", runs[index - 1].text):
            text = _LEADING_SIGN.sub(NNBSP, text, count=1) if _LEADING_SIGN.match(text) else text
        out.append(replace(run, text=text))
    return out


def _block(block: Block) -> Block:
    if isinstance(block, Paragraph):
        return Paragraph(_runs(block.runs))
    return BulletList([_runs(item) for item in block.items], ordered=block.ordered)


def typeset(document: Document) -> Document:
    """``document`` with French spacing applied to every text it shows (French documents only)."""
    if document.language != "fr":
        return document
    return replace(
        document,
        title=french_spacing(document.title),
        subtitle=french_spacing(document.subtitle),
        meta=[(label, french_spacing(value)) for label, value in document.meta],
        sections=[
            Section(
                key=section.key,
                heading=french_spacing(section.heading),
                blocks=[_block(block) for block in section.blocks],
            )
            for section in document.sections
        ],
        footer=french_spacing(document.footer),
    )
