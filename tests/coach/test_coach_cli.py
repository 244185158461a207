"""The command line, called through main() like ``bilan coach`` does."""

from __future__ import annotations

import io
import json

import pytest

from bilan.coach.cli import main


@pytest.fixture
def review(tmp_path):
    path = tmp_path / "bilan.txt"
    path.write_text("Tout s'est très bien passé. Le boulot était intéressant.\n", encoding="utf-8")
    return path


def test_text_output(run, review, capsys):
    assert main([str(review)]) == 0
    out = capsys.readouterr().out
    assert "1. Tout s'est très bien passé. [vague]" in out
    assert "! vague: Phrase générale" in out
    assert "Remplacez « boulot » par « travail »." in out


def test_json_output(run, review, capsys):
    assert main([str(review), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["language"] == "fr"
    assert data["sentences"][0]["labels"] == ["vague"]
    assert {f["code"] for f in data["findings"]} >= {"vague", "tone"}


def test_stdin(run, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("My boss was a total jerk."))
    assert main(["-", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["language"] == "en"
    assert "tone" in data["sentences"][0]["labels"]


def test_stdin_bytes_with_invalid_utf8(run, monkeypatch, capsys):
    class FakeStdin:
        buffer = io.BytesIO("J'ai beaucoup appris.\xff".encode("latin-1"))

    monkeypatch.setattr("sys.stdin", FakeStdin())
    assert main(["-", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sentences"][0]["labels"] == ["vague"]


def test_lang_forces_the_language(run, tmp_path, capsys):
    path = tmp_path / "review.txt"
    path.write_text("Everything went really well.", encoding="utf-8")
    assert main([str(path), "--format", "json"]) == 0
    detected = json.loads(capsys.readouterr().out)
    assert detected["language"] == "en"
    assert detected["findings"][0]["message"] == "General statement with no concrete illustration."
    assert main([str(path), "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("[fr] 4 mots, 1 phrase, ")


def test_unreadable_file_exits_2(tmp_path, capsys):
    assert main([str(tmp_path / "missing.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_too_long_text_exits_2(tmp_path, capsys):
    path = tmp_path / "long.txt"
    path.write_text("mot " * 100, encoding="utf-8")
    assert main([str(path), "--max-chars", "50"]) == 2
    err = capsys.readouterr().err
    assert "400" in err and "50" in err


def test_bad_option_exits_2(review, capsys):
    with pytest.raises(SystemExit) as info:
        main([str(review), "--format", "xml"])
    assert info.value.code == 2


REPORT_LINES = [
    "J'ai développé le tableau de bord des ventes de l'agence de Lyon avec Power BI.",
    "Travailler chaque semaine avec les commerciaux m'a rendu beaucoup plus sûr de moi "
    "quand je présente des chiffres en réunion.",
    "Tout s'est très bien passé.",
]


def _coach_file(path, capsys) -> dict:
    from bilan.cli import _standalone

    assert _standalone(["bilan", "coach", str(path), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_project_cli_reads_a_pdf_without_its_running_headers(tmp_path, capsys, run):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "rapport.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in range(1, 4):
        pdf.drawString(72, 800, "Rapport de stage - Léa Martin")
        y = 760
        for line in REPORT_LINES:
            pdf.drawString(72, y, line[:95])
            if len(line) > 95:
                y -= 16
                pdf.drawString(72, y, line[95:])
            y -= 24
        pdf.drawString(280, 40, f"Page {page} / 3")
        pdf.showPage()
    pdf.save()
    data = _coach_file(path, capsys)
    texts = [s["text"] for s in data["sentences"]]
    assert not any("Rapport de stage" in t or "Page " in t for t in texts)
    assert sum("Power BI" in t for t in texts) == 3
    assert data["figures"]["sentence_count"] == 9


def test_project_cli_reads_a_docx_with_headings(tmp_path, capsys, run):
    import docx

    path = tmp_path / "bilan.docx"
    document = docx.Document()
    document.add_heading("1. Mes missions", level=1)
    document.add_paragraph(REPORT_LINES[0])
    document.add_heading("2. Ce que j'en retiens", level=1)
    document.add_paragraph(REPORT_LINES[1])
    document.save(str(path))
    data = _coach_file(path, capsys)
    prose = [s for s in data["sentences"] if s["prose"]]
    assert [s["text"] for s in prose] == REPORT_LINES[:2]
    assert [s["text"] for s in data["sentences"] if not s["prose"]] == [
        "1. Mes missions",
        "2. Ce que j'en retiens",
    ]


def test_project_cli_refuses_a_file_it_cannot_read(tmp_path, capsys):
    from bilan.cli import _standalone

    path = tmp_path / "abime.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage, not a PDF at all")
    assert _standalone(["bilan", "coach", str(path)]) == 2
    assert "abime.pdf" in capsys.readouterr().err
