"""HTML: escaped everywhere, print CSS for A4, chart where it belongs, condensed layout."""

from __future__ import annotations

import base64
import dataclasses
import re

from bilan.documents import BulletList, Document, Paragraph, Run, Section, render_html
from bilan.documents.sample import sample_document

SCRIPT = "<script>alert('x')</script>"


def _hostile_document() -> Document:
    return Document(
        title=f"Bilan {SCRIPT}",
        subtitle='"><img src=x onerror=alert(1)>',
        meta=[("Tuteur <b>", "Julien & Co </dd></dl>")],
        sections=[
            Section(
                'x" onmouseover="alert(1)',
                f"Titre {SCRIPT}",
                [
                    Paragraph([Run(f"Texte {SCRIPT}"), Run("<b>gras</b>", bold=True)]),
                    BulletList([[Run(SCRIPT)]]),
                ],
            )
        ],
        footer=f'pied " {SCRIPT}',
        author='"><script>',
    )


def test_every_piece_of_text_is_escaped() -> None:
    html = render_html(_hostile_document())
    assert "<script" not in html
    assert "<img" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert 'onmouseover="' not in html
    assert "<strong>&lt;b&gt;gras&lt;/b&gt;</strong>" in html


def test_standalone_page_with_a4_print_css(document: Document) -> None:
    html = render_html(document)
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="fr">' in html
    assert "size: A4" in html
    assert "@bottom-center" in html and "counter(page)" in html
    assert "break-after: avoid" in html
    assert "Liberation Sans" in html and "DejaVu Sans" in html
    assert 'data-footer="Camille Moreau — Bilan de fin de stage — Atelier Lumen"' in html
    assert "<title>Bilan de fin de stage</title>" in html
    # Runs keep their formatting.
    assert "<strong>six mois</strong>" in html
    assert "<em>Maison &amp; Objet</em>" in html
    assert html.count("<h2>") == 6
    assert "<ol><li><strong>Février – mars</strong>" in html


def test_english_document_declares_its_language() -> None:
    assert '<html lang="en">' in render_html(sample_document("en"))


def test_chart_floats_from_the_top_of_the_skills_section(document: Document) -> None:
    html = render_html(document)
    section = re.search(r'<section[^>]*data-key="competences">(.*?)</section>', html, re.S)
    assert section is not None
    body = section[1]
    # The heading is kept with the floated chart and the first block, which wraps beside it.
    heading = body.index("<h2>Compétences acquises</h2>")
    assert body.index('<div class="keep">') < heading < body.index("<figure") < body.index("<ul>")
    data = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', body)
    assert data is not None
    assert base64.b64decode(data[1]).decode() == document.chart_svg
    assert html.count("<figure") == 1


def test_chart_position_follows_the_section_key(document: Document) -> None:
    moved = dataclasses.replace(document, chart_section="ouverture")
    html = render_html(moved)
    assert html.index('data-key="ouverture"') < html.index("<figure")
    # No section with that key: the chart goes at the end rather than disappearing.
    orphan = render_html(dataclasses.replace(document, chart_section="absent"))
    assert orphan.index("<figure") > orphan.rindex("</section>")


def test_svg_markup_cannot_leak_into_the_page() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    html = render_html(Document("T", chart_svg=svg))
    assert "<script" not in html and "<svg" not in html


def test_no_chart_no_figure() -> None:
    assert "<figure" not in render_html(sample_document(chart=False))


def test_condensed_is_tighter_and_keeps_every_block(long_document: Document) -> None:
    normal = render_html(long_document)
    condensed = render_html(long_document, condensed=True)
    size = re.compile(r"html \{[^}]*font-size: ([0-9.]+)pt")
    normal_size, condensed_size = size.search(normal), size.search(condensed)
    assert normal_size and condensed_size
    assert float(condensed_size[1]) < float(normal_size[1])
    # Same body, only the stylesheet and the body class differ.
    body = re.compile(r"<body.*?</body>", re.S)
    strip_class = re.compile(r'<body class="\w+">')
    normal_body, condensed_body = body.search(normal), body.search(condensed)
    assert normal_body and condensed_body
    assert strip_class.sub("", normal_body[0]) == strip_class.sub("", condensed_body[0])


def test_long_words_get_break_opportunities_without_changing_text() -> None:
    word = "x" * 200
    html = render_html(Document("T", sections=[Section("s", "S", [Paragraph([Run(word)])])]))
    paragraph = re.search(r"<p>(.*?)</p>", html)
    assert paragraph is not None
    assert paragraph[1].count("<wbr>") == 4
    assert paragraph[1].replace("<wbr>", "") == word


def test_rendering_is_deterministic(document: Document) -> None:
    assert render_html(document) == render_html(document)
