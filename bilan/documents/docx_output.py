"""Word document with python-docx, built on the styles Word users know.

Headings use "Title" and "Heading 1", lists "List Bullet" and "List Number", so the intern can
restyle the whole file from Word's style gallery and screen readers see a real outline.

The chart goes in as a PNG (Word wants a raster image) rasterised from the same SVG as the PDF's
(see ``raster.py``), with its description as the picture's alternative text.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from bilan.documents.labels import LABELS
from bilan.documents.limits import DEFAULT_MAX_WORDS, check_size
from bilan.documents.model import BulletList, Document, Run
from bilan.documents.raster import svg_to_png

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph as DocxParagraph

# Word's language tags; core properties and the spell-checker both use them.
_WORD_LANGUAGE = {"fr": "fr-FR", "en": "en-GB"}
# Arial, because Word has it everywhere and LibreOffice maps it to Liberation Sans, the font of
# the PDF, so both files break lines alike.
_FONT = "Arial"


def render_docx(document: Document, *, max_words: int = DEFAULT_MAX_WORDS) -> bytes:
    """The .docx file of ``document``. Raises ``DocumentTooLarge`` beyond ``max_words``."""
    check_size(document, max_words=max_words)
    # Deferred like WeasyPrint: lxml and the default template load only when a DOCX is wanted.
    import docx
    from docx.shared import Mm, Pt

    word = docx.Document()
    _set_language_and_fonts(word, _WORD_LANGUAGE[document.language], Pt)
    page = word.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.top_margin = page.bottom_margin = Mm(20)
    page.left_margin = page.right_margin = Mm(20)

    properties = word.core_properties
    properties.title = document.title
    properties.subject = document.subtitle
    properties.language = _WORD_LANGUAGE[document.language]
    # The default template says "python-docx" here; an empty author beats a wrong one.
    properties.author = document.author
    properties.last_modified_by = document.author
    properties.comments = ""
    properties.keywords = ""
    properties.revision = 1

    labels = LABELS[document.language]
    word.add_paragraph(document.title, style="Title")
    if document.subtitle:
        word.add_paragraph(document.subtitle, style="Subtitle")
    if document.meta:
        _meta_table(word, document.meta, labels.meta_separator)

    chart_pending = document.chart_svg is not None
    for section in document.sections:
        word.add_heading(section.heading, level=1)
        if chart_pending and section.key == document.chart_section:
            _add_chart(word, document, Mm)
            chart_pending = False
        for block in section.blocks:
            if isinstance(block, BulletList):
                _add_list(word, block)
            else:
                _add_runs(word.add_paragraph(), block.runs)
    if chart_pending:
        _add_chart(word, document, Mm)

    _footer(page.footer.paragraphs[0], document.footer, Pt)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _add_chart(word: DocxDocument, document: Document, mm: type) -> None:
    assert document.chart_svg is not None
    png, width, height = svg_to_png(document.chart_svg)
    # At most 120 mm wide and 110 mm high: beside the text it illustrates, not a page of its own.
    width_mm = min(120.0, 110.0 * width / height)
    word.add_picture(io.BytesIO(png), width=mm(width_mm))
    # Screen readers read the picture's description (Word's "alt text").
    for element in word.paragraphs[-1]._p.xpath(".//wp:docPr"):
        element.set("descr", LABELS[document.language].chart_alt)


def _add_runs(paragraph: DocxParagraph, runs: list[Run]) -> None:
    for run in runs:
        added = paragraph.add_run(run.text)
        added.bold = run.bold or None
        added.italic = run.italic or None


def _meta_table(word: DocxDocument, meta: list[tuple[str, str]], separator: str) -> None:
    table = word.add_table(rows=0, cols=2)
    for label, value in meta:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label + separator).bold = True
        cells[1].paragraphs[0].add_run(value)


def _add_list(word: DocxDocument, block: BulletList) -> None:
    style = "List Number" if block.ordered else "List Bullet"
    paragraphs = []
    for item in block.items:
        paragraph = word.add_paragraph(style=style)
        _add_runs(paragraph, item)
        paragraphs.append(paragraph)
    if block.ordered:
        _restart_numbering(word, paragraphs)


def _restart_numbering(word: DocxDocument, paragraphs: list[DocxParagraph]) -> None:
    """Number this list from 1.

    Every "List Number" paragraph shares the style's numbering instance, so a second numbered
    list would go on at 4, 5, 6. A new instance of the same definition with a start override
    makes each list start again.
    """
    style = word.styles["List Number"]
    style_num_id = style.element.pPr.numPr.numId.val
    numbering = word.part.numbering_part.element
    abstract_id = numbering.num_having_numId(style_num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    for paragraph in paragraphs:
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num.numId


def _set_language_and_fonts(word: DocxDocument, language: str, pt: type) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    # Word's spell-checker reads the language from the run defaults, not the core properties.
    defaults = word.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), language)

    normal = word.styles["Normal"]
    normal.font.size = pt(10.5)
    for name in ("Normal", "Title", "Subtitle", "Heading 1"):
        style = word.styles[name]
        style.font.name = _FONT
        # Theme font attributes win over explicit ones in Word; drop them.
        fonts = style.element.rPr.find(qn("w:rFonts"))
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
    word.styles["Title"].font.size = pt(22)
    word.styles["Heading 1"].font.size = pt(13)


def _footer(paragraph: DocxParagraph, text: str, pt: type) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER  # like the PDF's @bottom-center
    parts: list[str | None] = [f"{text} \u2014 "] if text else []
    # None marks where a field goes: Word computes PAGE and NUMPAGES when it lays the file out.
    parts += [None, " / ", None]
    fields = iter(("PAGE", "NUMPAGES"))
    for part in parts:
        if part is not None:
            paragraph.add_run(part).font.size = pt(8.5)
            continue
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), next(fields))
        run = OxmlElement("w:r")
        placeholder = OxmlElement("w:t")
        placeholder.text = "1"
        run.append(placeholder)
        field.append(run)
        paragraph._p.append(field)
