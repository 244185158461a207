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
    # session, user, dossier, objectives + their traces, the journal's first and last weeks
    # (bounds, then each week's entries: never the whole journal), the checklist's counts ...
    # ... and whether the dossier is enrolled with a school (the "Mon école" link).
    "": 19,
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


def test_the_home_page_reads_two_weeks_of_journal_however_long_it_is(
    demo, django_assert_num_queries
):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bilan.dossiers.models import JournalEntry

    client, dossier = demo
    JournalEntry.objects.bulk_create(
        JournalEntry(
            dossier=dossier, date=dossier.start_date + dt.timedelta(days=i % 100), text="x"
        )
        for i in range(300)
    )
    path = f"/dossiers/{dossier.pk}/"
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    assert len(queries) == PAGES[""]
    journal_reads = [
        q["sql"]
        for q in queries
        if 'FROM "dossiers_journalentry"' in q["sql"] and "LIMIT" not in q["sql"]
    ]
    # The bounds, then the first and the last week: no query without a date range.
    assert len(journal_reads) == 3
    assert all('"date" >=' in sql or "MIN(" in sql for sql in journal_reads)
