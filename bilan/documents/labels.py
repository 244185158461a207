"""The few words the documents add themselves, in each document language.

This package does not import Django, so these are not gettext strings: the caller picks the
document language, not the interface language of whoever clicks "download".
"""

from __future__ import annotations

from typing import NamedTuple

from bilan.documents.model import Language


class Labels(NamedTuple):
    chart_alt: str
    chart_elsewhere: str
    page: str
    meta_separator: str


LABELS: dict[Language, Labels] = {
    "fr": Labels(
        chart_alt="Graphique des compétences",
        chart_elsewhere="Le graphique des compétences figure dans la version PDF.",
        page="Page",
        # French typography puts a no-break space before the colon.
        meta_separator="\u202f:",
    ),
    "en": Labels(
        chart_alt="Skills chart",
        chart_elsewhere="The skills chart is in the PDF version.",
        page="Page",
        meta_separator=":",
    ),
}
