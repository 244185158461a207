from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bilan.cli import main as bilan_main
from bilan.evidence.models import Trace

from ..extraction.extraction_samples import make_docx, make_email, write_mbox


def test_traces_import_takes_the_web_code_path(dossier, tmp_path):
    doc = tmp_path / "planning.docx"
    doc.write_bytes(make_docx(["Planning des équipes de chantier"]))
    box = write_mbox(tmp_path / "mails.mbox", [make_email(), make_email(message_id="<2@x>")])
    out = StringIO()
    call_command("traces", "import", str(dossier.pk), str(doc), str(box), stdout=out)
    text = out.getvalue()
    assert "mails.mbox: 2 message(s) imported" in text
    assert "planning.docx: docx" in text
    assert dossier.traces.get(filename="planning.docx").extraction == Trace.Extraction.DONE
    assert dossier.traces.filter(source=Trace.Source.MAILBOX).count() == 2


def test_traces_import_unknown_dossier_or_file(db, tmp_path):
    with pytest.raises(CommandError, match="No dossier"):
        call_command("traces", "import", "999", str(tmp_path / "x"))


def test_traces_import_missing_file(dossier, tmp_path):
    with pytest.raises(CommandError, match="File not found"):
        call_command("traces", "import", str(dossier.pk), str(tmp_path / "absent.pdf"))


def test_traces_extract_needs_no_database(tmp_path, capsys):
    doc = tmp_path / "cr.docx"
    doc.write_bytes(make_docx(["Décisions du comité"], title="CR comité"))
    with pytest.raises(SystemExit) as exit_info:
        bilan_main(["bilan", "traces", "extract", str(doc), "--format", "json"])
    assert exit_info.value.code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["type"] == "docx" and data["title"] == "CR comité"
    assert "Décisions du comité" in data["text"] and data["error"] is None
