"""The Meeting model moved from feedback to meeting without touching the table or its rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("feedback", "0002_default_grid"), ("meeting", "0001_initial")]
AFTER = [("feedback", "0003_meeting_moved"), ("meeting", "0002_meeting")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_meeting_rows_survive_the_move_and_back():
    old_apps = _migrate(BEFORE)
    try:
        User = old_apps.get_model("accounts", "User")
        Dossier = old_apps.get_model("dossiers", "Dossier")
        OldMeeting = old_apps.get_model("feedback", "Meeting")
        owner = User.objects.create(email="m@example.org", password="!")
        dossier = Dossier.objects.create(
            owner=owner,
            organisation="Coop",
            start_date=dt.date(2026, 3, 1),
            end_date=dt.date(2026, 8, 28),
        )
        starts = dt.datetime(2026, 8, 26, 12, 0, tzinfo=dt.UTC)
        OldMeeting.objects.create(dossier=dossier, starts_at=starts, place="Salle 2")

        new_apps = _migrate(AFTER)
        Meeting = new_apps.get_model("meeting", "Meeting")
        assert Meeting._meta.db_table == "feedback_meeting"
        moved = Meeting.objects.get(dossier_id=dossier.pk)
        assert (moved.starts_at, moved.place) == (starts, "Salle 2")
        with pytest.raises(LookupError):
            new_apps.get_model("feedback", "Meeting")

        back_apps = _migrate(BEFORE)
        assert back_apps.get_model("feedback", "Meeting").objects.get().place == "Salle 2"
    finally:
        # Back to the latest state of every app, not just AFTER: later transactional tests
        # need the columns added since (feedback's request message, ...).
        latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
        _migrate(latest)
