from __future__ import annotations

from datetime import UTC, datetime

import pytest
from extraction_samples import make_jpeg_header, make_pdf, make_png

from bilan.evidence.extraction import (
    MESSAGES,
    Extracted,
    ExtractionFailed,
    Limits,
    extract_bytes,
    extract_path,
    message,
)


def test_pdf_text_and_metadata(pdf_bytes: bytes) -> None:
    result = extract_bytes(pdf_bytes, "rapport.pdf")
    assert result.error is None
    assert result.type == "pdf"
    assert "Première page" in result.text and "Troisième page" in result.text
    assert result.title == "Rapport de stage"
    assert result.author == "Léa"
    assert result.date is not None and result.date.tzinfo is not None
    assert result.metadata["pages"] == 3


def test_pdf_page_limit(pdf_bytes: bytes) -> None:
    result = extract_bytes(pdf_bytes, limits=Limits(max_pages=2), lang="en")
    assert result.error_code == "too_many_pages"
    assert result.error == "Too many pages: 3 (limit: 2)"


def test_docx_paragraphs_tables_and_core_properties(docx_bytes: bytes) -> None:
    result = extract_bytes(docx_bytes, "cr.docx")
    assert result.error is None
    assert result.text.splitlines() == [
        "Compte rendu de réunion",
        "Décision : livrer vendredi",
        "Tâche | Statut",
        "Démo | Faite",
    ]
    assert (result.title, result.author) == ("Compte rendu", "Léa Martin")
    assert result.date == datetime(2025, 6, 12, 9, 30, tzinfo=UTC)


def test_odt_paragraphs_spaces_and_meta(odt_bytes: bytes) -> None:
    result = extract_bytes(odt_bytes)
    assert result.error is None
    assert result.text.splitlines() == [
        "Bilan de la semaine",
        "Réunion avec  le tuteur\t: validée.",
        "Tâche | Statut",
    ]
    assert (result.title, result.author) == ("Notes de stage", "Léa Martin")
    assert result.date == datetime(2025, 6, 12, 9, 30, tzinfo=UTC)


def test_txt_in_cp1252() -> None:
    data = "Réunion \u2013 l’équipe a dit « merci »".encode("cp1252", "replace")
    result = extract_bytes(data, "merci.txt")
    assert result.type == "txt"
    assert result.text.startswith("Réunion")
    assert "équipe" in result.text and "« merci »" in result.text
    assert result.metadata["charset"] == "cp1252"


def test_utf8_bom_text() -> None:
    result = extract_bytes("\ufeffBonjour é".encode())
    assert result.text == "Bonjour é"


def test_markdown_title_from_heading() -> None:
    result = extract_bytes(b"# Journal de bord\n\nSemaine 1 : **installation**.\n", "j.md")
    assert result.type == "markdown"
    assert result.title == "Journal de bord"
    assert "installation" in result.text


def test_html_drops_script_and_style_and_reads_title() -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Remerciements</title>"
        '<meta name="author" content="Paul"><style>p{color:red}</style></head>'
        "<body><h1>Merci</h1><p>Pour ton   travail&nbsp;!</p><script>alert('x')</script>"
        "<table><tr><td>a</td><td>b</td></tr></table></body></html>"
    )
    result = extract_bytes(html.encode(), "merci.html")
    assert result.type == "html"
    assert result.title == "Remerciements"
    assert result.author == "Paul"
    assert "Merci" in result.text and "Pour ton travail" in result.text
    assert "alert" not in result.text and "color" not in result.text


@pytest.mark.parametrize("data", [make_png(40, 30), make_jpeg_header(40, 30)])
def test_images_have_no_text_but_a_size(data: bytes) -> None:
    result = extract_bytes(data, lang="en")
    assert result.error_code == "image_no_text"
    assert result.error == "image: no text to extract (no OCR)"
    assert (result.metadata["width"], result.metadata["height"]) == (40, 30)


def test_unsupported_format_message_in_both_languages() -> None:
    data = bytes(range(256)) * 8
    assert extract_bytes(data).error == "texte non extrait : format non pris en charge"
    assert extract_bytes(data, lang="en").error == "text not extracted: unsupported format"


def test_file_over_size_limit_says_which_limit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * int(31.2 * 1024 * 1024))
    result = extract_path(path)
    assert result.error == "Fichier trop volumineux : 31,2 Mo (limite : 25 Mo)"
    result = extract_path(path, lang="en")
    assert result.error == "File too large: 31.2 MB (limit: 25 MB)"


def test_text_is_truncated_at_the_limit() -> None:
    result = extract_bytes(b"abc " * 1000, limits=Limits(max_text_chars=100))
    assert len(result.text) == 100
    assert result.metadata["truncated"] is True


def test_pdf_without_text_layer(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = extract_bytes(make_pdf([""]))
    assert result.error_code == "pdf_no_text"
    assert result.metadata["pages"] == 1


def test_every_code_has_both_languages() -> None:
    for code, entry in MESSAGES.items():
        assert set(entry) == {"fr", "en"}, code
        assert ExtractionFailed(code).message("en")


def test_message_catalogue_renders_params() -> None:
    assert message("timeout", "fr", seconds=30) == "texte non extrait : délai dépassé (30 s)"
    assert (
        message("zip_bomb", "en", detail="ratio", ratio=1000, limit=100)
        == "text not extracted: suspicious archive (compression ratio 1000:1, limit 100:1)"
    )


def test_to_dict_keys(pdf_bytes: bytes) -> None:
    data = extract_bytes(pdf_bytes).to_dict()
    assert list(data) == ["type", "title", "author", "date", "text", "error"]
    assert data["date"].endswith("+00:00")
    parent = Extracted(type="eml", children=[Extracted(type="txt")]).to_dict()
    assert parent["children"][0]["type"] == "txt"


def test_missing_file_is_an_error_not_an_exception(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = extract_path(tmp_path / "nope.pdf")
    assert result.error_code == "not_found"
