from __future__ import annotations

import datetime as dt

from bilan.dossiers import services
from bilan.overview.checklist import dossier_checklist


def _items(dossier):
    return {item.key: item for item in dossier_checklist(dossier).items}


def test_new_dossier_has_nothing_done_and_upcoming_items_unavailable(dossier):
    checklist = dossier_checklist(dossier)
    items = {item.key: item for item in checklist.items}
    assert checklist.done_count == 0
    assert checklist.percent == 0
    assert items["traces"].available and not items["traces"].done
    assert items["feedback"].available and not items["feedback"].done
    assert {"mission", "plan_review", "weeks", "traces"} <= {i.key for i in checklist.available}


def test_progress_follows_the_dossier(dossier):
    objectives = services.objectives_import(
        dossier=dossier, titles=services.objectives_propose(dossier=dossier)
    )
    assert _items(dossier)["mission"].done
    assert not _items(dossier)["plan_review"].done
    for objective in objectives:
        services.objective_update(objective=objective, status="done", actual="fait")
    assert _items(dossier)["plan_review"].done

    services.journal_entry_create(dossier=dossier, date=dt.date(2026, 4, 6), text="début")
    services.journal_entry_create(dossier=dossier, date=dt.date(2026, 8, 27), text="fin")
    assert not _items(dossier)["weeks"].done
    services.dossier_update(dossier=dossier, mastered_now="Brevo, Canva")
    checklist = dossier_checklist(dossier)
    assert checklist.done_count == 3


def test_traces_item_needs_three_traces_and_one_linked(dossier):
    from bilan.evidence import services as evidence

    objective = services.objective_create(dossier=dossier, title="Benchmark")
    traces = [
        evidence.trace_create_note(dossier=dossier, title=f"T{n}", note="x") for n in range(3)
    ]
    assert not _items(dossier)["traces"].done
    evidence.trace_update(trace=traces[0], objectives=[objective])
    item = _items(dossier)["traces"]
    assert item.done and item.detail == "3 traces, dont 1 liées à un objectif"
