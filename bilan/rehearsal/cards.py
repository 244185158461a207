"""Printable cue cards: one per part of the talk, then the questions; A6, or four to an A4."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from bilan.documents.pdf_output import html_to_pdf_with_pages
from bilan.dossiers.models import Dossier
from bilan.meeting.models import Question

from .outline import OutlineItem, clock
from .questions import LikelyQuestion

QUESTIONS_PER_CARD = 5


@dataclass(frozen=True)
class Card:
    title: str
    subtitle: str = ""
    lines: list[str] = field(default_factory=list)
    footer: str = ""


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def cue_cards(
    *,
    dossier: Dossier,
    outline: list[OutlineItem],
    likely: list[LikelyQuestion],
    own: list[Question],
) -> list[Card]:
    cards = [
        Card(
            title=item.heading,
            subtitle=f"{clock(item.start)} – {clock(item.end)}",
            lines=item.points,
            footer=_("Ne lisez pas : regardez votre tuteur.") if item.too_long else "",
        )
        for item in outline
    ]
    if not cards:
        cards.append(
            Card(
                title=str(dossier.organisation),
                lines=[_("Générez votre synthèse : les fiches suivent ses parties.")],
            )
        )
    likely_texts = [question.text for question in likely]
    for index, chunk in enumerate(_chunks(likely_texts, QUESTIONS_PER_CARD)):
        if chunk:
            cards.append(
                Card(
                    title=_("Questions probables du tuteur"),
                    subtitle=f"{index + 1}/{len(_chunks(likely_texts, QUESTIONS_PER_CARD))}",
                    lines=chunk,
                    footer=_("Restez ouvert à la critique."),
                )
            )
    cards.append(
        Card(
            title=_("Mes questions pour le tuteur"),
            lines=[question.text for question in own[:QUESTIONS_PER_CARD]]
            or [
                _("Quel regard portez-vous sur mon stage ? Que me conseillez-vous pour la suite ?")
            ],
            footer=_("Terminez sur une ouverture : la suite, une recommandation, des contacts."),
        )
    )
    return cards


def cue_cards_pdf(
    *,
    dossier: Dossier,
    outline: list[OutlineItem],
    likely: list[LikelyQuestion],
    own: list[Question],
    size: str,
) -> bytes:
    cards = cue_cards(dossier=dossier, outline=outline, likely=likely, own=own)
    # On A4 the cards go four to a page, to cut along the dashed lines.
    pages = [cards[i : i + 4] for i in range(0, len(cards), 4)] if size == "a4" else []
    html = render_to_string(
        "rehearsal/cards_pdf.html",
        {"dossier": dossier, "cards": cards, "pages": pages, "size": size},
    )
    pdf, _pages = html_to_pdf_with_pages(html)
    return pdf
