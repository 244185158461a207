from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from bilan.feedback.ics import escape, event_ics, fold

PARIS = ZoneInfo("Europe/Paris")


def test_event_is_crlf_utc_and_escaped():
    text = event_ics(
        uid="bilan-meeting-1@example.org",
        starts_at=dt.datetime(2026, 8, 26, 14, 0, tzinfo=PARIS),
        ends_at=dt.datetime(2026, 8, 26, 15, 0, tzinfo=PARIS),
        summary="Bilan de fin de stage — Camille",
        location="Salle 2, bâtiment B; Lyon",
        description="Ligne 1\nLigne 2 \\ fin",
        stamp=dt.datetime(2026, 8, 1, tzinfo=dt.UTC),
    )
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "DTSTART:20260826T120000Z\r\n" in text
    assert "LOCATION:Salle 2\\, bâtiment B\\; Lyon\r\n" in text
    assert "DESCRIPTION:Ligne 1\\nLigne 2 \\\\ fin\r\n" in text


@given(st.text(min_size=0, max_size=400))
def test_folding_keeps_lines_short_and_content_intact(value):
    line = "DESCRIPTION:" + escape(value)
    folded = fold(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
