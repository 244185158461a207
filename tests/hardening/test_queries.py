"""Query counts of the pages the load bench hits most, pinned on the demo dossier.

bench/load.py measures these pages under load; a count that grows (a query per objective, a
summary computed twice) shows here first. When a change adds a query on purpose, raise the
number with the reason in the commit.
"""

from __future__ import annotations

import pytest
from django.test import Client

from bilan.demo.services import demo_load

PAGES = {
    # session, user, dossier, objectives + their traces, journal, counts of the checklist ...
    "": 16,
    "objectives/": 5,
    "journal/": 5,
    "plan/": 5,
    "skills/": 8,
    "traces/": 10,
    "synthesis/": 4,
    "meeting/": 14,
}


@pytest.fixture
def demo(db):
    result = demo_load()
    client = Client()
    client.force_login(result.user)
    return client, result.dossier


@pytest.mark.parametrize(("page", "queries"), PAGES.items())
def test_dossier_page_query_count(demo, django_assert_num_queries, page, queries):
    client, dossier = demo
    path = f"/dossiers/{dossier.pk}/{page}"
    client.get(path)  # caches warm (translations, the coach's model), as in production
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200


def test_dossier_list_query_count(demo, django_assert_num_queries):
    client, _ = demo
    with django_assert_num_queries(3):
        assert client.get("/dossiers/").status_code == 200
