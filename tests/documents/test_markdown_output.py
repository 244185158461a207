"""Markdown export of a whole document."""

from __future__ import annotations

from bilan.documents import Document, Paragraph, Run, Section, parse_markdown, render_markdown


def test_structure(document: Document) -> None:
    markdown = render_markdown(document)
    lines = markdown.splitlines()
    assert lines[0] == "# Bilan de fin de stage"
    assert "*Synthèse préparée pour l'entretien de bilan*" in lines
    assert "- **Tuteur\u202f:** Julien Perrin, responsable marketing" in lines
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == [f"## {section.heading}" for section in document.sections]
    assert (
        "1. **Février – mars** : audit de la base de 12 400 contacts, nettoyage des doublons "
        "et mise en conformité RGPD des formulaires d'inscription." in lines
    )
    assert "- approfondir le SQL pour ne plus dépendre des exports ;" in lines
    assert lines[-2:] == ["---", "Camille Moreau — Bilan de fin de stage — Atelier Lumen"] or (
        lines[-3:] == ["---", "", "Camille Moreau — Bilan de fin de stage — Atelier Lumen"]
    )
    assert markdown.endswith("\n") and "\n\n\n" not in markdown


def test_section_bodies_read_back_identically(document: Document) -> None:
    markdown = render_markdown(document)
    chunks = markdown.split("\n## ")[1:]
    for section, chunk in zip(document.sections, chunks, strict=True):
        body = chunk.split("\n", 1)[1].split("\n---\n")[0]
        blocks = parse_markdown(body)
        if section.key == document.chart_section:
            blocks = blocks[1:]  # the one-line note about the chart
        assert blocks == section.blocks


def test_html_stays_text_for_other_markdown_engines() -> None:
    document = Document(
        "<script>x</script>",
        sections=[Section("s", "1. Intro <b>", [Paragraph([Run("<img src=x> [a](b) _c_")])])],
    )
    markdown = render_markdown(document)
    assert "# \\<script>x\\</script>" in markdown
    assert "## 1. Intro \\<b>" in markdown
    assert "\\<img src=x> \\[a\\](b) \\_c\\_" in markdown
