"""Trace search through the database's full-text index: ranking, folding, filters, privacy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from bilan.dossiers import services as dossier_services
from bilan.evidence import search, services
from bilan.evidence.models import Trace
from bilan.evidence.search import fts_statement
from bilan.skills import services as skills

pytestmark = pytest.mark.django_db


def note(dossier, title: str, text: str = "", **extra) -> Trace:
    return services.trace_create_note(dossier=dossier, title=title, note=text, **extra)


def found(dossier, query: str = "", **filters) -> list[Trace]:
    return list(services.traces_search(dossier=dossier, query=query, **filters))


def fts_rows() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid, document FROM evidence_trace_fts")
        return dict(cursor.fetchall())


def other_dossier(owner):
    return dossier_services.dossier_create(
        owner=owner,
        organisation="Ailleurs",
        start_date=dt.date(2026, 1, 5),
        end_date=dt.date(2026, 3, 27),
    )


def test_better_matches_rank_first(dossier):
    filler = " ".join(["réunion d'équipe, planning, budget et suivi des tâches"] * 30)
    once = note(dossier, "Notes de la semaine", f"{filler} Une remarque sur la newsletter.")
    focused = note(dossier, "Newsletter de mai", "La newsletter, sa maquette, ses newsletters.")
    middle = note(dossier, "Point", "Relu la newsletter avant l'envoi ; newsletter validée.")
    assert found(dossier, "newsletter") == [focused, middle, once]
    # The newest first when nothing is searched, as before.
    assert found(dossier) == [middle, focused, once]


def test_filters_that_match_nothing(dossier):
    note(dossier, "Budget", "Le budget")
    nothing = dossier.traces.filter(pk__in=[])
    assert list(search.matching(nothing, dossier_id=dossier.pk, query="budget")) == []


def test_all_words_are_required(dossier):
    both = note(dossier, "Budget", "Le budget du client")
    note(dossier, "Budget", "Le budget interne")
    assert found(dossier, "budget client") == [both]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("developpe", "J'ai développé un script"),
        ("DÉVELOPPEMENT", "j'ai developpe un script"),
        ("réunions", "compte rendu de la réunion"),
        ("reunion", "Réunions hebdomadaires"),
        ("coeur", "Au cœur du projet"),
        ("cœurs", "au coeur du projet"),
        ("oeuvre", "Mise en ŒUVRE du plan"),
        ("rapp", "Rapport mensuel"),  # a word being typed
        ("élève", "les eleves de troisième"),
    ],
)
def test_accents_case_plurals_and_prefixes(dossier, query, text):
    trace = note(dossier, "Trace", text)
    note(dossier, "Autre", "sans rapport avec la question")
    assert trace in found(dossier, query)
    assert len(found(dossier, query)) == (2 if query == "rapp" else 1)


def test_a_query_without_words_lists_everything(dossier):
    traces = [note(dossier, "Un"), note(dossier, "Deux")]
    assert set(found(dossier, " ,;! ")) == set(traces)
    assert found(dossier, "introuvable") == []


@pytest.mark.parametrize(
    ("query", "matches"),
    [
        ('"devis', True),
        ("devis OR", True),
        ("NEAR(client", True),
        ("devis*", True),
        ("'devis':* & !client", True),
        ("{dossier} : d1", False),
        ("devis_client", True),
    ],
)
def test_query_syntax_is_not_interpreted(dossier, query, matches):
    trace = note(dossier, "Devis", 'Le "devis" OR NEAR(client) AND')
    assert found(dossier, query) == ([trace] if matches else [])


def test_filters_combine_with_the_query(dossier):
    objective = dossier_services.objective_create(dossier=dossier, title="Communication")
    skill = skills.dossier_skill_add(dossier=dossier, label="Canva", family="technical")
    may = dt.datetime(2026, 5, 12, 10, tzinfo=dt.UTC)
    june = dt.datetime(2026, 6, 12, 10, tzinfo=dt.UTC)
    linked = note(dossier, "Affiche", "affiche du festival", kind="document", date=may)
    services.trace_update(trace=linked, objectives=[objective], skills=[skill])
    other_kind = note(dossier, "Affiche", "affiche du festival", kind="email", date=may)
    later = note(dossier, "Affiche", "affiche du festival", kind="document", date=june)
    assert set(found(dossier, "affiches")) == {linked, other_kind, later}
    assert set(found(dossier, "affiches", kind="document")) == {linked, later}
    assert found(dossier, "affiches", kind="document", date_to=dt.date(2026, 5, 31)) == [linked]
    assert found(dossier, "affiches", date_from=dt.date(2026, 6, 1)) == [later]
    assert found(dossier, "affiches", objective=objective) == [linked]
    assert found(dossier, "affiches", skill=skill) == [linked]
    assert set(found(dossier, "affiches", unlinked=True)) == {other_kind, later}
    assert found(dossier, "festival", objective=objective, kind="email") == []


def test_only_the_dossiers_own_traces(dossier, outsider, intern):
    mine = note(dossier, "Devis", "devis du client")
    theirs = note(other_dossier(outsider), "Devis", "devis du client")
    sibling = note(other_dossier(intern), "Devis", "devis du client")
    assert found(dossier, "devis") == [mine]
    assert found(theirs.dossier, "devis") == [theirs]
    assert found(sibling.dossier, "devis") == [sibling]


def test_the_list_page_searches_and_outsiders_get_404(
    intern_client, outsider_client, dossier, outsider
):
    note(dossier, "Compte rendu", "Réunion avec le client")
    note(other_dossier(outsider), "Secret de l'autre", "réunion confidentielle")
    url = reverse("evidence:list", args=[dossier.pk])
    page = intern_client.get(url, {"q": "reunions"}).content.decode()
    assert "Compte rendu" in page and "Secret de l" not in page
    assert outsider_client.get(url, {"q": "reunion"}).status_code == 404


def test_changed_text_is_found_by_its_new_words_only(dossier):
    trace = note(dossier, "Compte rendu", "réunion budgétaire")
    services.trace_update(trace=trace, title="Compte rendu", note="atelier de prototypage")
    assert found(dossier, "prototype") == [trace]
    assert found(dossier, "budget") == []
    if connection.vendor == "sqlite":
        assert "prototyp" in fts_rows()[trace.pk]


def test_extracted_text_is_searchable(dossier, run_jobs):
    from .conftest import upload

    trace = services.traces_upload(
        dossier=dossier, files=[upload("cr.txt", "Synthèse des entretiens clients".encode())]
    ).traces[0]
    assert found(dossier, "entretien") == []
    run_jobs()
    assert found(dossier, "entretien") == [trace]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own index table")
def test_deleting_a_trace_or_its_dossier_removes_its_words(dossier, intern):
    kept = note(dossier, "Gardée", "texte gardé")
    gone = note(dossier, "Supprimée", "texte supprimé")
    services.trace_delete(trace=gone)
    assert set(fts_rows()) == {kept.pk}
    elsewhere = other_dossier(intern)
    note(elsewhere, "Autre", "autre texte")
    dossier_services.dossier_delete(dossier=elsewhere)
    assert set(fts_rows()) == {kept.pk}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_sqlite_runs_the_match_once_rather_than_once_per_trace(dossier):
    note(dossier, "Devis", "devis")
    sql, params = fts_statement(dossier.traces.filter(kind="other"), dossier.pk, ["devis"])
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        steps = [row[-1] for row in cursor.fetchall()]
    assert steps[0].startswith("SCAN evidence_trace_fts VIRTUAL TABLE"), steps
    assert not any("rowid=" in step for step in steps if "fts" in step), steps


def test_very_broad_queries_rank_the_latest_matches(dossier, monkeypatch):
    monkeypatch.setattr(search, "RANKED_AT_MOST", 3)
    # Texts of one length, so that both engines' length normalisation leaves frequency to decide.
    traces = [
        note(dossier, f"Devis {n}", "devis " * (n + 1) + "relance " * (5 - n)) for n in range(5)
    ]
    # The three most recently added, the one saying "devis" most first.
    assert found(dossier, "devis") == [traces[4], traces[3], traces[2]]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's trigger")
def test_migrations_keep_the_delete_trigger():
    # Django rebuilds a SQLite table for some ALTERs, which drops its triggers: a later
    # migration on evidence_trace must create this one again.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'evidence_trace'"
        )
        assert [row[0] for row in cursor.fetchall()] == ["evidence_trace_fts_delete"]


@pytest.mark.django_db(transaction=True)
def test_migration_indexes_traces_stored_before_it(dossier):
    before = ("evidence", "0002_trace_examples_trace_skills")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state(before).apps
    # The old folding kept "œ" in the stems.
    old.get_model("evidence", "Trace").objects.create(
        dossier_id=dossier.pk,
        source="note",
        title="Cœur de métier",
        note="Cœur de métier",
        text="Cœur de métier",
        search_text=" cœur de meti ",
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert [t.title for t in found(dossier, "coeur métiers")] == ["Cœur de métier"]
