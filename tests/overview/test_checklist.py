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
    assert _items(dossier)["weeks"].missing == "il manque : la note de première semaine"
    services.dossier_update(dossier=dossier, first_week_note="Je connaissais Canva.")
    checklist = dossier_checklist(dossier)
    assert checklist.done_count == 3
    assert checklist.headline == "3 étapes faites sur 9"


def test_traces_item_needs_three_traces_and_one_linked(dossier):
    from bilan.evidence import services as evidence

    objective = services.objective_create(dossier=dossier, title="Benchmark")
    traces = [
        evidence.trace_create_note(dossier=dossier, title=f"T{n}", note="x") for n in range(3)
    ]
    assert not _items(dossier)["traces"].done
    evidence.trace_update(trace=traces[0], objectives=[objective])
    item = _items(dossier)["traces"]
    assert item.done and item.detail == "3 traces, dont 1 liée à un objectif"


def test_each_unticked_step_says_what_is_missing(dossier):
    from bilan.evidence import services as evidence
    from bilan.skills import services as skills

    dossier.objectives.all().delete()
    services.dossier_update(dossier=dossier, mission_text="")
    items = _items(dossier)
    assert items["mission"].missing == (
        "il manque : le texte de la mission (fiche mission, convention), "
        "les objectifs tirés de la mission"
    )
    assert items["weeks"].missing == (
        "il manque : une entrée de journal pendant le stage, la note de première semaine, "
        "ce que vous maîtrisez désormais"
    )
    assert items["traces"].missing == "il manque : 3 traces de plus, une trace liée à un objectif"
    assert items["transversal"].missing == (
        "il manque : 2 compétences transversales, 2 axes de progrès"
    )
    assert items["feedback"].missing == ("il manque : 2 réponses de plus à vos demandes de retour")
    assert items["synthesis"].missing.startswith("il manque : la première version")

    objective = services.objective_create(dossier=dossier, title="Benchmark")
    trace = evidence.trace_create_note(dossier=dossier, title="T", note="x")
    evidence.trace_update(trace=trace, objectives=[objective])
    skills.dossier_skill_add(dossier=dossier, label="Écoute", family="transversal")
    skills.progress_axis_add(dossier=dossier, text="Oser parler en réunion")
    items = _items(dossier)
    assert items["traces"].detail == "1 trace, dont 1 liée à un objectif"
    assert items["traces"].missing == "il manque : 2 traces de plus"
    assert items["transversal"].detail == "1 compétence transversale, 1 axe de progrès"
    assert items["transversal"].missing == (
        "il manque : 1 compétence transversale, 1 axe de progrès"
    )
    assert items["plan_review"].missing == "il manque : ce qui a été fait pour 1 objectif"
    checklist = dossier_checklist(dossier)
    assert checklist.headline == "0 étape faite sur 9"


def test_plurals_in_english(dossier):
    from django.utils import translation

    from bilan.evidence import services as evidence

    objective = services.objective_create(dossier=dossier, title="Benchmark")
    trace = evidence.trace_create_note(dossier=dossier, title="T", note="x")
    evidence.trace_update(trace=trace, objectives=[objective])
    with translation.override("en"):
        checklist = dossier_checklist(dossier)
        items = {item.key: item for item in checklist.items}
        assert items["traces"].detail == "1 trace, 1 of them linked to an objective"
        assert items["traces"].missing == "missing: 2 more traces"
        assert checklist.headline == "1 step done out of 9"
        assert items["weeks"].missing.startswith("missing: a journal entry during the internship")


def test_home_shows_the_sentence_and_what_is_missing(intern_client, dossier):
    from django.urls import reverse

    body = intern_client.get(reverse("dossiers:home", args=[dossier.pk])).content.decode()
    assert dossier_checklist(dossier).headline in body
    assert "disponibles" not in body
    assert "il manque : une entrée de journal pendant le stage, la note de première semaine" in (
        body.replace("&#x27;", "'")
    )
