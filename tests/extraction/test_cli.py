from __future__ import annotations

import json
from pathlib import Path

import pytest
from extraction_samples import make_encrypted_pdf, write_mbox, write_zip_of_eml

from bilan.evidence.extraction.cli import main


@pytest.fixture
def pdf_path(tmp_path: Path, pdf_bytes: bytes) -> Path:
    path = tmp_path / "rapport.txt"  # the extension lies on purpose
    path.write_bytes(pdf_bytes)
    return path


def test_json_for_a_document(pdf_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(pdf_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["type"] == "pdf"
    assert data["title"] == "Rapport de stage"
    assert "Deuxième page" in data["text"]
    assert data["error"] is None


def test_text_for_a_document(pdf_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(pdf_path), "--in-process"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Type : pdf\nTitre : Rapport de stage\nAuteur : Léa\n")
    assert "Première page" in out


def test_json_array_for_a_mailbox(
    tmp_path: Path, mail_messages: list[bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_mbox(tmp_path / "boite", mail_messages)
    assert main([str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [item["type"] for item in data] == ["eml", "eml", "eml"]
    assert data[0]["children"][0]["text"] == "Annexe du rapport"


def test_text_for_a_zip_of_eml_in_english(
    tmp_path: Path, mail_messages: list[bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_zip_of_eml(tmp_path / "mails.zip", mail_messages)
    assert main([str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Title: Merci pour ton aide sur le projet" in out
    assert "--- Attachment: rapport.pdf" in out


def test_unextractable_file_exits_1_with_json_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "secret.pdf"
    path.write_bytes(make_encrypted_pdf())
    assert main([str(path), "--format", "json", "--lang", "en"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["error"] == "text not extracted: password-protected document"
    assert "password-protected" in captured.err


def test_missing_file_and_usage_errors_exit_2(tmp_path: Path) -> None:
    assert main([str(tmp_path / "absent.pdf")]) == 2
    assert main([]) == 2
    assert main(["x", "--format", "xml"]) == 2
