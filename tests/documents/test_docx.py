"""DOCX read back with python-docx: real styles, runs, A4, properties."""

from __future__ import annotations

import io

import docx
import pytest

from bilan.documents import BulletList, Document, Paragraph, Run, Section, render_docx
from bilan.documents.sample import sample_document


@pytest.fixture(scope="module")
def word(document: Document) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(document)))


def test_styles_are_word_styles(word: docx.document.Document) -> None:
    styles = [paragraph.style.name for paragraph in word.paragraphs]
    assert styles[0] == "Title"
    assert styles.count("Heading 1") == 6
    assert "List Bullet" in styles and "List Number" in styles
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings[2] == "Compétences acquises"


def test_bold_and_italic_runs_survive(word: docx.document.Document) -> None:
    runs = [run for paragraph in word.paragraphs for run in paragraph.runs]
    assert any(run.bold and run.text == "six mois" for run in runs)
    assert any(run.italic and run.text == "Maison & Objet" for run in runs)
    bullet = next(p for p in word.paragraphs if p.style.name == "List Bullet")
    assert bullet.runs[0].bold and bullet.runs[0].text == "Analyse de données"


def test_a4_page_and_properties(word: docx.document.Document) -> None:
    section = word.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert abs(section.page_width.mm - 210) < 0.1
    assert abs(section.page_height.mm - 297) < 0.1
    assert word.core_properties.title == "Bilan de fin de stage"
    assert word.core_properties.language == "fr-FR"
    assert word.core_properties.author == "Camille Moreau"


def test_meta_lines_are_a_table(word: docx.document.Document) -> None:
    (table,) = word.tables
    assert table.cell(0, 0).text == "Stagiaire\u202f:"
    assert table.cell(3, 1).text == "Julien Perrin, responsable marketing"


def test_chart_is_a_picture_under_its_heading(word: docx.document.Document) -> None:
    texts = [p.text for p in word.paragraphs]
    heading = texts.index("Compétences acquises")
    picture = word.paragraphs[heading + 1]._p
    assert picture.xpath(".//pic:pic")
    assert picture.xpath(".//wp:docPr")[0].get("descr") == "Graphique des compétences"
    assert "version PDF" not in "\n".join(texts)
    shape = word.inline_shapes[0]
    assert 100 < shape.width.mm <= 120 and shape.height.mm > 30
    blob = next(rel.target_part.blob for rel in word.part.rels.values() if "image" in rel.reltype)
    assert blob.startswith(b"\x89PNG")
    from PIL import Image

    image = Image.open(io.BytesIO(blob))
    # Drawn, not blank: a good share of the pixels are the chart's dark bars and labels.
    histogram = image.convert("L").histogram()
    assert sum(histogram[:128]) > sum(histogram) * 0.03


def test_footer_has_text_and_page_fields(word: docx.document.Document) -> None:
    xml = word.sections[0].footer.paragraphs[0]._p.xml
    assert "Camille Moreau — Bilan de fin de stage" in xml
    assert 'w:instr="PAGE"' in xml and 'w:instr="NUMPAGES"' in xml


def test_each_numbered_list_starts_at_one() -> None:
    lists = [BulletList([[Run("a")], [Run("b")]], ordered=True) for _ in range(2)]
    rendered = docx.Document(
        io.BytesIO(render_docx(Document("T", sections=[Section("s", "S", lists)])))
    )
    numbered = [p for p in rendered.paragraphs if p.style.name == "List Number"]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert num_ids[0] == num_ids[1] != num_ids[2] == num_ids[3]


def test_english_and_hostile_text() -> None:
    english = docx.Document(io.BytesIO(render_docx(sample_document("en"))))
    assert english.core_properties.language == "en-GB"
    hostile = Document("T\x00", sections=[Section("s", "S", [Paragraph([Run("<w:p>\x00\x07&")])])])
    read = docx.Document(io.BytesIO(render_docx(hostile)))
    assert read.paragraphs[-1].text == "<w:p>&"


def test_chart_picture_fetches_nothing_outside(tmp_path) -> None:
    from PIL import Image

    from bilan.documents.raster import svg_to_png

    secret = tmp_path / "secret.png"
    Image.new("RGB", (50, 50), (0, 0, 0)).save(secret)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 50 50" width="50" height="50">'
        f'<image href="{secret.as_uri()}" width="50" height="50"/></svg>'
    )
    png, width, height = svg_to_png(svg)
    darkest, _lightest = Image.open(io.BytesIO(png)).convert("L").getextrema()
    assert (width, height) == (50.0, 50.0)
    assert darkest > 200  # the black file was never read: the picture stays white
