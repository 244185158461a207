"""Stored coach verdicts: queued on save, computed in the worker, refreshed when stale."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bilan.cli import _standalone
from bilan.coach import COACH_VERSION, Analysis, Sentence
from bilan.coach import version as coach_version_module
from bilan.dossiers import services as dossiers
from bilan.jobs.models import Job
from bilan.jobs.services import jobs_run_pending
from bilan.skills import services as skills
from bilan.synthesis import services as synthesis
from bilan.writing.models import CoachResult
from bilan.writing.verdicts import _serialise, verdicts_refresh, verdicts_request_stale

DAY = dt.date(2026, 5, 12)
REFLECTIVE = "J'ai appris à estimer mes tâches en demi-journées."
VAGUE = "Tout s'est très bien passé."


def refresh_jobs(dossier) -> list[Job]:
    return list(
        Job.objects.filter(kind="coach.refresh_dossier", payload={"dossier_id": dossier.pk})
    )


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_saving_texts_queues_one_refresh_of_the_dossier(dossier):
    entry = dossiers.journal_entry_create(dossier=dossier, date=DAY, text=VAGUE)
    dossiers.journal_entry_update(entry=entry, date=DAY, text=REFLECTIVE, tags="")
    skills.example_create(dossier=dossier, title="Benchmark", action=REFLECTIVE)
    skills.feelings_update(dossier=dossier, team=VAGUE)
    jobs = refresh_jobs(dossier)
    # Four saves, one waiting refresh: the queue keeps one per dossier.
    assert [job.status for job in jobs] == [Job.Status.QUEUED]
    assert not CoachResult.objects.exists()

    assert jobs_run_pending() == 1
    rows = {(r.source, r.field): r for r in CoachResult.objects.filter(dossier=dossier)}
    assert set(rows) == {("journal", "text"), ("example", "action"), ("feelings", "team")}
    journal = rows[("journal", "text")]
    assert journal.object_id == entry.pk
    assert journal.content_hash == sha(REFLECTIVE)
    assert journal.coach_version == COACH_VERSION
    assert journal.language == "fr"
    assert journal.analysis["sentences"][0]["labels"] == ["reflective"]
    assert journal.analysis["counts"]["prose_sentences"] == 1
    assert "text" not in journal.analysis["sentences"][0]
    # A save after the run queues a new refresh.
    synthesis.synthesis_generate(dossier=dossier)
    assert [job.status for job in refresh_jobs(dossier)] == [Job.Status.DONE, Job.Status.QUEUED]


def test_unchanged_text_is_not_analysed_again(dossier):
    entry = dossiers.journal_entry_create(dossier=dossier, date=DAY, text=REFLECTIVE)
    other = dossiers.journal_entry_create(dossier=dossier, date=DAY, text=VAGUE)
    first = verdicts_refresh(dossier_id=dossier.pk)
    assert (first.texts, first.analysed) == (2, 2)
    before = {r.object_id: r.computed_at for r in CoachResult.objects.all()}

    # Same text, other tags: saved, queued, but nothing to analyse.
    dossiers.journal_entry_update(entry=entry, date=DAY, text=REFLECTIVE, tags="réunion")
    again = verdicts_refresh(dossier_id=dossier.pk)
    assert (again.analysed, again.unchanged, again.removed) == (0, 2, 0)
    assert {r.object_id: r.computed_at for r in CoachResult.objects.all()} == before

    # One text changes: only that one is analysed; a deleted text's result goes.
    dossiers.journal_entry_update(entry=entry, date=DAY, text=REFLECTIVE + " " + VAGUE, tags="")
    dossiers.journal_entry_delete(entry=other)
    third = verdicts_refresh(dossier_id=dossier.pk)
    assert (third.texts, third.analysed, third.removed) == (1, 1, 1)
    row = CoachResult.objects.get()
    assert row.object_id == entry.pk and row.computed_at > before[entry.pk]
    assert row.content_hash == sha(REFLECTIVE + " " + VAGUE)


def test_a_coach_version_bump_refreshes_in_the_background(dossier, monkeypatch):
    dossiers.journal_entry_create(dossier=dossier, date=DAY, text=REFLECTIVE)
    jobs_run_pending()
    assert CoachResult.objects.get().coach_version == COACH_VERSION

    monkeypatch.setattr(coach_version_module, "COACH_VERSION", "next-version")
    # A worker starting with the new coach queues the stale dossiers, then refreshes them.
    call_command("worker", "--once", stdout=StringIO())
    row = CoachResult.objects.get()
    assert row.coach_version == "next-version"
    assert refresh_jobs(dossier)[-1].status == Job.Status.DONE
    assert verdicts_request_stale() == 0  # nothing stale left


def test_stale_sweep_queues_each_stale_dossier_once(dossier):
    dossiers.journal_entry_create(dossier=dossier, date=DAY, text=REFLECTIVE)
    jobs_run_pending()
    CoachResult.objects.update(coach_version="old")
    assert verdicts_request_stale() == 1
    assert verdicts_request_stale() == 1  # queued again? no: the waiting job is reused
    assert len([j for j in refresh_jobs(dossier) if j.status == Job.Status.QUEUED]) == 1


def test_serialised_counts_are_over_prose_sentences():
    analysis = Analysis(
        language="fr",
        sentences=(
            Sentence(0, 10, "x" * 10, labels=frozenset({"reflective"})),
            Sentence(11, 20, "- liste", labels=frozenset({"descriptive", "tone"}), prose=False),
            Sentence(21, 30, "Titre", is_heading=True, labels=frozenset({"vague"})),
            Sentence(31, 40, "y" * 9, labels=frozenset({"descriptive"}), confidence=0.4),
            Sentence(41, 50, "z" * 9, labels=frozenset({"vague"}), confidence=0.1, prose=False),
            Sentence(51, 60, "w" * 9, labels=frozenset({"vague"}), confidence=0.1),
        ),
    )
    data = _serialise(analysis)
    assert data["counts"] == {
        "sentences": 5,
        "prose_sentences": 3,
        # Only prose sentences are uncertain: a list fragment is not judged at all.
        "uncertain": 1,
        "labels": {"reflective": 1, "descriptive": 2, "tone": 1, "vague": 2},
        "prose_labels": {"reflective": 1, "descriptive": 1, "vague": 1},
    }
    assert [s["prose"] for s in data["sentences"]] == [True, False, False, True, False, True]
    assert data["sentences"][3]["confidence"] == 0.4


def test_refresh_command_on_one_dossier(dossier, intern, capsys):
    dossiers.journal_entry_create(dossier=dossier, date=DAY, text=REFLECTIVE)
    skills.highlight_create(dossier=dossier, kind="difficulty", title="Relances", lesson=VAGUE)
    other = dossiers.dossier_create(
        owner=intern,
        organisation="Autre",
        kind="stage",
        start_date=dt.date(2026, 4, 6),
        end_date=dt.date(2026, 8, 28),
        mission_text="x",
    )
    dossiers.journal_entry_create(dossier=other, date=DAY, text=VAGUE)
    call_command("coach", "refresh", "--dossier", str(dossier.pk))
    assert "1 dossier(s): 2 text(s) analysed, 0 unchanged" in capsys.readouterr().out
    assert set(CoachResult.objects.values_list("dossier_id", flat=True)) == {dossier.pk}

    call_command("coach", "refresh")
    out = capsys.readouterr().out
    assert "2 dossier(s): 1 text(s) analysed, 2 unchanged" in out
    assert CoachResult.objects.count() == 3

    with pytest.raises(CommandError, match="No dossier with id 999"):
        call_command("coach", "refresh", "--dossier", "999")
    # `bilan coach refresh` reaches this command; `bilan coach FILE` stays database-free.
    assert _standalone(["bilan", "coach", "refresh"]) is None


def test_each_text_is_analysed_in_its_own_language(dossier):
    english = "I learned to estimate my tasks in half-days. Everything went really well."
    dossiers.journal_entry_create(dossier=dossier, date=DAY, text=english)
    dossiers.journal_entry_create(dossier=dossier, date=DAY, text=REFLECTIVE)
    jobs_run_pending()
    languages = {r.content_hash: r.language for r in CoachResult.objects.all()}
    assert languages == {sha(english): "en", sha(REFLECTIVE): "fr"}


def test_a_text_too_long_for_the_coach_is_stored_as_such(dossier, settings, intern_client):
    settings.BILAN_COACH_MAX_CHARS = 40
    dossiers.journal_entry_create(dossier=dossier, date=DAY, text=REFLECTIVE)  # 51 characters
    dossiers.journal_entry_create(dossier=dossier, date=DAY, text=VAGUE)
    jobs_run_pending()
    rows = {r.content_hash: r.analysis for r in CoachResult.objects.all()}
    assert rows[sha(REFLECTIVE)]["too_long"] is True
    assert rows[sha(VAGUE)]["counts"]["sentences"] == 1
    body = intern_client.get(f"/dossiers/{dossier.pk}/coach/readiness/").content.decode()
    assert "1 texte trop long pour le coach n'a pas été relu." in body
    assert "Analyse en cours" not in body


def test_refresh_command_shows_a_progress_bar_on_a_terminal(dossier, monkeypatch):
    for day in range(3):
        dossiers.journal_entry_create(dossier=dossier, date=DAY, text=f"{REFLECTIVE} {day}")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    out = StringIO()
    call_command("coach", "refresh", "--dossier", str(dossier.pk), stdout=out)
    text = out.getvalue()
    assert "\r[------------------------------] dossier 1/1: 0/3 text(s)" in text
    assert "\r[##############################] dossier 1/1: 3/3 text(s)" in text
    assert text.rstrip().endswith(
        "1 dossier(s): 3 text(s) analysed, 0 unchanged, 0 stale result(s) removed."
    )


def test_the_coach_version_fits_its_column():
    field = CoachResult._meta.get_field("coach_version")
    assert len(COACH_VERSION) <= field.max_length
