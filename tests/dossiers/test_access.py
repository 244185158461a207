"""Every URL that takes an id: the owner gets in, an outsider gets 404, anonymous goes to login."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from bilan.dossiers import services


@pytest.fixture
def ids(dossier):
    objective = services.objective_create(dossier=dossier, title="Analyser")
    entry = services.journal_entry_create(dossier=dossier, date=dt.date(2026, 4, 7), text="x")
    return {"d": dossier.pk, "o": objective.pk, "e": entry.pk}


GET_URLS = [
    ("dossiers:home", ["d"]),
    ("dossiers:edit", ["d"]),
    ("dossiers:delete", ["d"]),
    ("dossiers:objectives", ["d"]),
    ("dossiers:objective_import", ["d"]),
    ("dossiers:objective_row", ["d", "o"]),
    ("dossiers:objective_edit", ["d", "o"]),
    ("dossiers:objective_split", ["d", "o"]),
    ("dossiers:plan", ["d"]),
    ("dossiers:journal", ["d"]),
    ("dossiers:journal_edit", ["d", "e"]),
    ("dossiers:weeks", ["d"]),
]
POST_URLS = [
    ("dossiers:delete", ["d"]),
    ("dossiers:edit", ["d"]),
    ("dossiers:objective_import", ["d"]),
    ("dossiers:objective_add", ["d"]),
    ("dossiers:objective_edit", ["d", "o"]),
    ("dossiers:objective_move", ["d", "o"]),
    ("dossiers:objective_merge", ["d", "o"]),
    ("dossiers:objective_split", ["d", "o"]),
    ("dossiers:objective_delete", ["d", "o"]),
    ("dossiers:journal", ["d"]),
    ("dossiers:journal_edit", ["d", "e"]),
    ("dossiers:journal_delete", ["d", "e"]),
    ("dossiers:weeks", ["d"]),
]


def _url(name, keys, ids):
    return reverse(name, args=[ids[key] for key in keys])


@pytest.mark.parametrize(("name", "keys"), GET_URLS)
def test_owner_can_get(intern_client, ids, name, keys):
    assert intern_client.get(_url(name, keys, ids)).status_code == 200


@pytest.mark.parametrize(("name", "keys"), GET_URLS + POST_URLS)
def test_outsider_gets_404(outsider_client, ids, name, keys):
    response = outsider_client.post(_url(name, keys, ids), {"title": "x", "text": "x"})
    assert response.status_code == 404
    response = outsider_client.get(_url(name, keys, ids))
    assert response.status_code in {404, 405}


@pytest.mark.parametrize(("name", "keys"), GET_URLS + POST_URLS)
def test_anonymous_is_sent_to_login(client, ids, name, keys):
    response = client.post(_url(name, keys, ids), {"title": "x"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_outsider_changed_nothing(outsider_client, ids, dossier):
    for name, keys in POST_URLS:
        outsider_client.post(_url(name, keys, ids), {"title": "piraté", "text": "piraté"})
    dossier.refresh_from_db()
    assert dossier.objectives.get().title == "Analyser"
    assert dossier.journal_entries.get().text == "x"


def test_ids_of_another_dossier_are_not_mixed(intern_client, intern, ids):
    other = services.dossier_create(
        owner=intern,
        organisation="Autre",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 2, 1),
    )
    url = reverse("dossiers:objective_edit", args=[other.pk, ids["o"]])
    assert intern_client.get(url).status_code == 404


def test_dossier_list_shows_only_own_dossiers(outsider_client, dossier, django_assert_num_queries):
    with django_assert_num_queries(3):
        response = outsider_client.get(reverse("dossiers:list"))
    assert dossier.organisation not in response.content.decode()
