from __future__ import annotations

import pytest
from extraction_samples import (
    make_email,
    make_jpeg_header,
    make_png,
    make_zip_bomb_docx,
)

from bilan.evidence.extraction import detect_type
from bilan.evidence.extraction.detect import OLE2_MAGIC


def test_pdf_named_txt_is_pdf(pdf_bytes: bytes) -> None:
    assert detect_type(pdf_bytes, "notes.txt") == "pdf"


def test_docx_named_odt_is_docx(docx_bytes: bytes) -> None:
    assert detect_type(docx_bytes, "rapport.odt") == "docx"


def test_docx_detected_from_head_only(docx_bytes: bytes) -> None:
    assert detect_type(docx_bytes[:4096], None) == "docx"


def test_odt_named_docx_is_odt(odt_bytes: bytes) -> None:
    assert detect_type(odt_bytes, "rapport.docx") == "odt"
    assert detect_type(odt_bytes[:200], None) == "odt"


def test_zip_bomb_still_detected_as_docx() -> None:
    assert detect_type(make_zip_bomb_docx()[:4096]) == "docx"


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (make_png(), "photo.pdf", "png"),
        (make_jpeg_header(), None, "jpeg"),
        (OLE2_MAGIC + b"\0" * 600, "mail.txt", "msg"),
        (make_email(), "message.txt", "eml"),
        (b"From alice@example.org Mon Jun  2 10:00:00 2025\nFrom: a@b.c\n\nhi\n", None, "mbox"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "page.txt", "html"),
        (b"# Titre\n\n- point un\n- point deux\n", None, "markdown"),
        (b"Just a note\nwith two lines.\n", "note.md", "markdown"),
        (b"Just a note\nwith two lines.\n", "note.txt", "txt"),
        ("Caf\xe9 cr\xe8me, r\xe9union \u2013 bilan".encode("cp1252"), None, "txt"),
        (b"From my point of view, the internship went well.\n", None, "txt"),
        (bytes(range(256)) * 4, "random.txt", "unknown"),
        (b"PK\x03\x04" + b"\0" * 26, None, "unknown"),
        (b"", None, "txt"),
    ],
)
def test_content_decides(data: bytes, filename: str | None, expected: str) -> None:
    assert detect_type(data, filename) == expected


def test_zip_of_eml(tmp_path, mail_messages: list[bytes]) -> None:  # type: ignore[no-untyped-def]
    from extraction_samples import write_zip_of_eml

    path = write_zip_of_eml(tmp_path / "mails.zip", mail_messages)
    assert detect_type(path.read_bytes(), "mails.docx") == "zip-eml"
