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
    assert data["sentences"][0]["labels"] == ["tone"]


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
    assert out.startswith("[fr] 4 mots, 1 phrases")


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
