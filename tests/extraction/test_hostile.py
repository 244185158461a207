"""Hostile input: every failure must come back as a clean error, quickly, in bounded memory."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from extraction_samples import (
    BILLION_LAUGHS,
    make_docx,
    make_encrypted_pdf,
    make_odt,
    make_pdf,
    make_zip_bomb_docx,
    make_zip_claiming,
    replace_member,
)

from bilan.evidence.extraction import (
    Limits,
    extract_bytes,
    extract_bytes_isolated,
    extract_file_isolated,
)


def test_zip_bomb_disguised_as_docx_is_refused_before_inflating() -> None:
    started = time.monotonic()
    result = extract_bytes(make_zip_bomb_docx(1), "rapport.docx")
    assert result.type == "docx"
    assert result.error_code == "zip_bomb"
    assert result.error == (
        "texte non extrait : archive suspecte (1 Go une fois décompressée, limite 200 Mo)"
    )
    assert time.monotonic() - started < 3


def test_zip_bomb_under_the_total_cap_is_caught_by_its_ratio() -> None:
    result = extract_bytes(make_zip_bomb_docx(1), limits=Limits(max_uncompressed_bytes=2 << 30))
    assert result.error_code == "zip_bomb"
    assert result.error_params["detail"] == "ratio"


def test_central_directory_claiming_10_gb() -> None:
    result = extract_bytes(make_zip_claiming(10 * 1024**3), lang="en")
    assert result.error == (
        "text not extracted: suspicious archive (10 GB once decompressed, limit 200 MB)"
    )


def test_member_larger_than_it_declares_is_cut_off() -> None:
    # Declares 5 bytes, stores 13: zipfile stops at the declared size and the XML is broken.
    result = extract_bytes(make_zip_claiming(5))
    assert result.error_code == "corrupt"


@pytest.mark.parametrize(
    ("archive", "member"),
    [
        (make_docx(["x"]), "word/document.xml"),
        (make_docx(["x"]), "docProps/core.xml"),
        (make_odt(), "content.xml"),
        (make_odt(), "meta.xml"),
    ],
)
def test_billion_laughs_is_refused(archive: bytes, member: str) -> None:
    started = time.monotonic()
    result = extract_bytes(replace_member(archive, member, BILLION_LAUGHS))
    assert result.error_code == "unsafe_xml"
    assert time.monotonic() - started < 2


def test_external_entity_is_refused() -> None:
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>"
    )
    result = extract_bytes(replace_member(make_docx(["x"]), "word/document.xml", xxe))
    assert result.error_code == "unsafe_xml"
    assert "root:" not in result.text


def test_encrypted_pdf_in_both_languages() -> None:
    data = make_encrypted_pdf()
    assert extract_bytes(data).error == "texte non extrait : document protégé par un mot de passe"
    assert extract_bytes(data, lang="en").error == "text not extracted: password-protected document"


def test_pdf_with_empty_user_password_is_read() -> None:
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(make_pdf(["Lisible"]))))
    writer.encrypt("", owner_password="owner")
    buffer = BytesIO()
    writer.write(buffer)
    result = extract_bytes(buffer.getvalue())
    assert result.error is None
    assert result.text == "Lisible"


@pytest.mark.parametrize("cut", [0.2, 0.5, 0.9])
def test_truncated_pdf(pdf_bytes: bytes, cut: float) -> None:
    result = extract_bytes(pdf_bytes[: int(len(pdf_bytes) * cut)])
    assert result.type == "pdf"
    # pypdf may recover some pages; either way nothing escapes and nothing is invented.
    assert result.error_code in (None, "corrupt", "pdf_no_text")


def test_truncated_docx(docx_bytes: bytes) -> None:
    result = extract_bytes(docx_bytes[: len(docx_bytes) // 2])
    assert result.error_code == "corrupt"


def test_random_bytes_with_every_magic() -> None:
    import random

    rng = random.Random(7)
    magics = [
        b"%PDF-1.7\n",
        b"PK\x03\x04",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\x89PNG\r\n\x1a\n",
    ]
    for magic in magics:
        for _ in range(5):
            noise = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 5000)))
            result = extract_bytes(magic + noise)
            assert result.error_code is not None or result.text is not None


def test_isolated_matches_in_process(tmp_path: Path, docx_bytes: bytes) -> None:
    path = tmp_path / "cr.docx"
    path.write_bytes(docx_bytes)
    isolated = extract_file_isolated(path)
    assert isolated.to_dict() == extract_bytes(docx_bytes).to_dict()
    assert isolated.filename == "cr.docx"


def test_isolated_kills_past_the_time_limit() -> None:
    # Plain text has no cooperative deadline checks: only the kill can stop it.
    data = ("mot " * 5_000_000).encode()
    started = time.monotonic()
    result = extract_bytes_isolated(data, "long.txt", limits=Limits(max_seconds=0.05), lang="en")
    assert time.monotonic() - started < 3
    assert result.error == "text not extracted: time limit exceeded (0.05 s)"
    assert result.type == "txt"


def test_isolated_memory_limit() -> None:
    limits = Limits(
        max_memory_bytes=300 * 1024 * 1024, max_file_bytes=200 * 1024 * 1024, max_text_chars=10**9
    )
    result = extract_bytes_isolated(("é" * 60_000_000).encode(), "big.txt", limits=limits)
    assert result.error_code in ("out_of_memory", "worker_crashed")


def test_isolated_bomb_and_password() -> None:
    assert extract_bytes_isolated(make_zip_bomb_docx(1)).error_code == "zip_bomb"
    assert extract_bytes_isolated(make_encrypted_pdf()).error_code == "encrypted"
