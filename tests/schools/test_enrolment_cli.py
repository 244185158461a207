"""`bilan cohort import`: the web's code path, errors line by line, one counts line."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bilan.jobs.models import Job
from bilan.schools.models import Enrolment
from tests.conftest import make_user

from .enrolment_fixtures import *  # noqa: F403

LINES = (
    "lea@example.org,Léa,Martin,Coop,,2026-05-12,2026-07-31,,,",
    "tom@example.org,Tom,Petit,Coop,,12/05/2026,31/07/2026,,,",
)


@pytest.fixture
def french(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("cohort", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_prints_one_counts_line_and_is_idempotent(cohort, tmp_path, french):
    make_user("tom@example.org")
    path = tmp_path / "stagiaires.csv"
    path.write_bytes(csv_bytes(*LINES))  # noqa: F405
    out, _ = _run("import", str(cohort.pk), str(path), "--dry-run")
    assert out.strip() == (
        "Simulation, rien d'écrit : 1 créé, 1 lié à un compte existant, 0 mis à jour, "
        "0 inchangés, 1 invitation"
    )
    assert not Enrolment.objects.exists() and not Job.objects.exists()
    out, _ = _run("import", str(cohort.pk), str(path))
    assert out.strip().splitlines() == [
        "1 créé, 1 lié à un compte existant, 0 mis à jour, 0 inchangés, 1 invitation"
    ]
    assert cohort.enrolments.count() == 2 and Job.objects.count() == 1
    out, _ = _run("import", str(cohort.pk), str(path))
    assert (
        out.strip()
        == "0 créés, 0 liés à un compte existant, 0 mis à jour, 2 inchangés, 0 invitations"
    )
    assert cohort.enrolments.count() == 2 and Job.objects.count() == 1


def test_errors_line_by_line_nonzero_exit_and_nothing_written(cohort, tmp_path, french):
    path = tmp_path / "stagiaires.csv"
    path.write_bytes(csv_bytes(LINES[0], "oops,,Petit,Coop,,2026-05-12,2026-04-01,,,"))  # noqa: F405
    err = StringIO()
    with pytest.raises(CommandError, match="3 erreur"):
        call_command("cohort", "import", str(cohort.pk), str(path), stderr=err)
    lines = err.getvalue().strip().splitlines()
    assert lines[0] == "ligne 3, e-mail / email : « oops » n'est pas une adresse e-mail valide."
    assert len(lines) == 3 and all(line.startswith("ligne 3") for line in lines)
    assert not Enrolment.objects.exists()


def test_english_when_the_shell_speaks_english(cohort, tmp_path, monkeypatch):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    path = tmp_path / "interns.csv"
    path.write_bytes(csv_bytes(*LINES))  # noqa: F405
    out, _ = _run("import", str(cohort.pk), str(path))
    assert (
        out.strip()
        == "2 created, 0 linked to existing accounts, 0 updated, 0 unchanged, 2 invitations"
    )
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"email,first_name\nx@example.org,X\n")
    with pytest.raises(CommandError, match="Required columns missing"):
        _run("import", str(cohort.pk), str(bad))


def test_unknown_cohort_and_missing_file(cohort, tmp_path, french):
    with pytest.raises(CommandError, match="Aucune promotion"):
        _run("import", "999999", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError, match="Fichier introuvable"):
        _run("import", str(cohort.pk), str(tmp_path / "x.csv"))
