from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from bilan.dossiers import services
from bilan.dossiers.models import Dossier, JournalEntry, Objective


def test_dossier_create_rejects_end_before_start(intern):
    with pytest.raises(ValidationError):
        services.dossier_create(
            owner=intern,
            organisation="ACME",
            start_date=dt.date(2026, 5, 1),
            end_date=dt.date(2026, 4, 1),
        )
    assert Dossier.objects.count() == 0


def test_objectives_import_appends_and_skips_existing(dossier):
    first = services.objectives_import(dossier=dossier, titles=["Analyser", "Tester"])
    again = services.objectives_import(dossier=dossier, titles=["tester", "Déployer"])
    assert [o.title for o in first] == ["Analyser", "Tester"]
    assert [o.title for o in again] == ["Déployer"]
    assert list(dossier.objectives.values_list("title", "position")) == [
        ("Analyser", 0),
        ("Tester", 1),
        ("Déployer", 2),
    ]


def test_objectives_import_respects_the_limit(dossier, settings):
    settings.BILAN_LIMITS = {**settings.BILAN_LIMITS, "objectives_per_dossier": 2}
    with pytest.raises(ValidationError):
        services.objectives_import(dossier=dossier, titles=["A", "B", "C"])
    assert dossier.objectives.count() == 0


def test_objective_move_and_merge(dossier):
    a, b, c = services.objectives_import(dossier=dossier, titles=["A", "B", "C"])
    services.objective_move(objective=c, offset=-1)
    assert list(dossier.objectives.values_list("title", flat=True)) == ["A", "C", "B"]
    services.objective_move(objective=a, offset=-1)  # already first: no change
    assert list(dossier.objectives.values_list("title", flat=True)) == ["A", "C", "B"]

    a.actual = "fait"
    a.save()
    c.refresh_from_db()
    c.actual = "aussi"
    c.save()
    merged = services.objective_merge_next(objective=a)
    assert merged is not None
    assert merged.title == "A ; C"
    assert merged.actual == "fait\naussi"
    assert list(dossier.objectives.values_list("title", flat=True)) == ["A ; C", "B"]
    last = dossier.objectives.get(title="B")
    assert services.objective_merge_next(objective=last) is None


def test_objective_delete_renumbers(dossier):
    a, b, c = services.objectives_import(dossier=dossier, titles=["A", "B", "C"])
    services.objective_delete(objective=a)
    assert list(dossier.objectives.values_list("title", "position")) == [("B", 0), ("C", 1)]


def test_plan_summary_counts_per_status(dossier):
    a, b, c = services.objectives_import(dossier=dossier, titles=["A", "B", "C"])
    services.objective_update(objective=a, status=Objective.Status.DONE, actual="ok")
    services.objective_update(objective=b, status=Objective.Status.DROPPED, reason="budget")
    services.objective_create(
        dossier=dossier, title="Imprévu", unplanned=True, status="done", actual="fait"
    )
    summary = services.plan_summary(dossier=dossier)
    assert summary.total == 4
    assert summary.counts == {"done": 2, "dropped": 1, "planned": 1}
    assert [o.title for o in summary.unplanned] == ["Imprévu"]
    assert summary.reviewed == 3
    rows = {value: count for value, _, count in summary.status_rows}
    assert rows["partial"] == 0 and rows["done"] == 2


def test_journal_weeks_group_by_iso_week_and_filter_by_tag(dossier):
    services.journal_entry_create(
        dossier=dossier, date=dt.date(2026, 4, 6), text="Lundi", tags="accueil, Outils"
    )
    services.journal_entry_create(dossier=dossier, date=dt.date(2026, 4, 12), text="Dimanche")
    services.journal_entry_create(
        dossier=dossier, date=dt.date(2026, 4, 13), text="Lundi suivant", tags="outils"
    )
    weeks = services.journal_weeks(dossier=dossier)
    assert [w.start for w in weeks] == [dt.date(2026, 4, 13), dt.date(2026, 4, 6)]
    assert [e.text for e in weeks[1].entries] == ["Dimanche", "Lundi"]
    tagged = services.journal_weeks(dossier=dossier, tag="OUTILS")
    assert sum(len(w.entries) for w in tagged) == 2
    assert services.journal_tags(dossier=dossier) == ["accueil", "outils"]  # latest spelling


def test_first_and_last_weeks(dossier):
    assert services.journal_first_last_weeks(dossier=dossier).first is None
    for day, text in [(6, "début"), (7, "début 2"), (20, "milieu"), (28, "fin")]:
        services.journal_entry_create(dossier=dossier, date=dt.date(2026, 4, day), text=text)
    weeks = services.journal_first_last_weeks(dossier=dossier)
    assert [e.text for e in weeks.first.entries] == ["début", "début 2"]
    assert [e.text for e in weeks.last.entries] == ["fin"]
    assert not weeks.same_week


def test_normalise_tags():
    assert services.normalise_tags(" client ;Client, réunion  , ,Excel") == "client, réunion, Excel"


def test_journal_limit(dossier, settings):
    settings.BILAN_LIMITS = {**settings.BILAN_LIMITS, "journal_entries_per_dossier": 1}
    services.journal_entry_create(dossier=dossier, date=dt.date(2026, 4, 6), text="un")
    with pytest.raises(ValidationError):
        services.journal_entry_create(dossier=dossier, date=dt.date(2026, 4, 7), text="deux")
    assert JournalEntry.objects.count() == 1
