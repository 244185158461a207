"""The section model every output format is rendered from.

A :class:`Document` is plain data: a title block, meta lines, the sections of the trame and an
optional chart. Renderers never look at anything else, so the PDF, the DOCX and the Markdown
export cannot disagree about the content.

Every piece of text is cleaned when the object is built: control characters (NUL and friends),
lone surrogates and Unicode non-characters are dropped, because HTML, DOCX and PDF metadata are
all XML underneath and would reject them or fail half-way through a render.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

Language: TypeAlias = Literal["fr", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "en")

# The six parts of the trame in the method ("Structurer son bilan : exemple de trame").
TRAME: tuple[str, ...] = (
    "introduction",
    "deroulement",
    "competences",
    "difficultes",
    "bilan_personnel",
    "ouverture",
)
TRAME_HEADINGS: dict[Language, dict[str, str]] = {
    "fr": {
        "introduction": "Introduction",
        "deroulement": "Déroulement",
        "competences": "Compétences acquises",
        "difficultes": "Difficultés et solutions",
        "bilan_personnel": "Bilan personnel",
        "ouverture": "Ouverture",
    },
    "en": {
        "introduction": "Introduction",
        "deroulement": "How the internship went",
        "competences": "Skills acquired",
        "difficultes": "Difficulties and solutions",
        "bilan_personnel": "Personal assessment",
        "ouverture": "Looking ahead",
    },
}
# The skills chart illustrates the "Compétences acquises" part unless told otherwise.
DEFAULT_CHART_SECTION = "competences"

# C0/C1 controls except tab, LF and CR; surrogates; the non-characters XML 1.0 forbids.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_WORD = re.compile(r"\S*\w\S*")


def clean_text(text: str) -> str:
    """``text`` without the characters no output format can carry (NUL, controls, surrogates)."""
    return _UNSAFE.sub("", text)


def count_words(text: str) -> int:
    """Whitespace-separated tokens holding at least one letter or digit ("—" is not a word)."""
    return sum(1 for _ in _WORD.finditer(text))


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", clean_text(self.text))


@dataclass(frozen=True)
class Paragraph:
    runs: list[Run]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class BulletList:
    """A flat list; ``ordered`` lists are numbered from 1 in every format."""

    items: list[list[Run]]
    ordered: bool = False

    @property
    def texts(self) -> list[str]:
        return ["".join(run.text for run in item) for item in self.items]


Block: TypeAlias = Paragraph | BulletList


def block_text(block: Block) -> str:
    """The plain text of a block, list items on their own lines."""
    if isinstance(block, Paragraph):
        return block.text
    return "\n".join(block.texts)


@dataclass(frozen=True)
class Section:
    """One part of the document; ``key`` is stable (a trame key such as ``"competences"``)."""

    key: str
    heading: str
    blocks: list[Block] = field(default_factory=list)

    def __post_init__(self) -> None:
        object.__setattr__(self, "heading", clean_text(self.heading))

    def text(self) -> str:
        return "\n".join([self.heading, *(block_text(block) for block in self.blocks)])


@dataclass(frozen=True)
class Document:
    """A synthesis ready to render.

    ``meta`` holds label/value lines (Organisation, Période, Tuteur...). ``chart_svg`` is an SVG
    string drawn after the heading of the section whose key is ``chart_section``, or at the end
    when no section has that key. ``author`` only feeds file metadata.
    """

    title: str
    subtitle: str = ""
    language: Language = "fr"
    meta: list[tuple[str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    chart_svg: str | None = None
    footer: str = ""
    author: str = ""
    chart_section: str = DEFAULT_CHART_SECTION

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, not {self.language!r}")
        for name in ("title", "subtitle", "footer", "author"):
            object.__setattr__(self, name, clean_text(getattr(self, name)))
        object.__setattr__(
            self, "meta", [(clean_text(label), clean_text(value)) for label, value in self.meta]
        )
        if self.chart_svg is not None:
            object.__setattr__(self, "chart_svg", clean_text(self.chart_svg))

    def text(self) -> str:
        """Every piece of text the document shows, in reading order."""
        parts = [self.title, self.subtitle]
        parts += [f"{label} {value}" for label, value in self.meta]
        parts += [section.text() for section in self.sections]
        parts.append(self.footer)
        return "\n".join(part for part in parts if part)

    def word_count(self) -> int:
        """Words the document shows: title block, meta lines, headings, body and footer."""
        return count_words(self.text())

    def section(self, key: str) -> Section | None:
        return next((section for section in self.sections if section.key == key), None)
