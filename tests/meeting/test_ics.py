"""The meeting's .ics file, read back with icalendar: UTC times, escaping, folding, language."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from bilan.meeting import services
from bilan.meeting.ics import meeting_ics

PARIS = ZoneInfo("Europe/Paris")


def _event(text: str):
    calendar = Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return calendar, events[0]


def test_event_is_crlf_utc_and_escaped(dossier):
    meeting = services.meeting_set(
        dossier=dossier,
        starts_at=dt.datetime(2026, 8, 26, 14, 0, tzinfo=PARIS),
        duration_minutes=90,
        place="Salle 2, bâtiment B; Lyon\\Est",
    )
    with translation.override("fr"):
        text = meeting_ics(dossier=dossier, meeting=meeting)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    unfolded = text.replace("\r\n ", "")
    # UTC times, so no VTIMEZONE is needed; special characters are escaped on the wire.
    assert "DTSTART:20260826T120000Z" in unfolded and "DTEND:20260826T133000Z" in unfolded
    assert "LOCATION:Salle 2\\, bâtiment B\\; Lyon\\\\Est" in unfolded
    calendar, event = _event(text)
    assert str(calendar["METHOD"]) == "PUBLISH" and str(calendar["VERSION"]) == "2.0"
    assert event.decoded("DTSTART") == dt.datetime(2026, 8, 26, 12, 0, tzinfo=dt.UTC)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=90)
    assert str(event["LOCATION"]) == "Salle 2, bâtiment B; Lyon\\Est"
    assert str(event["UID"]).startswith(f"bilan-meeting-{dossier.pk}@")
    assert str(event["SUMMARY"]) == "Bilan de fin de stage — Camille Moreau"


def test_event_follows_the_active_language_and_omits_an_empty_place(dossier):
    meeting = services.meeting_set(
        dossier=dossier, starts_at=dt.datetime(2026, 8, 26, 14, 0, tzinfo=PARIS)
    )
    with translation.override("en"):
        _calendar, event = _event(meeting_ics(dossier=dossier, meeting=meeting))
    assert "LOCATION" not in event
    assert str(event["SUMMARY"]).startswith("End-of-internship review")


# No backslash here: icalendar's parser reads back \\\, (an escaped backslash, then an
# escaped comma: what RFC 5545 asks for and what we write) as "," alone. The escape we write
# is checked on its own below.
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    place=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\\"),
        max_size=300,
    )
)
def test_folding_keeps_lines_short_and_content_intact(dossier, place):
    meeting = services.meeting_set(
        dossier=dossier, starts_at=dt.datetime(2026, 8, 26, 14, 0, tzinfo=PARIS), place=place
    )
    text = meeting_ics(dossier=dossier, meeting=meeting)
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    _calendar, event = _event(text)
    assert str(event.get("LOCATION", "")) == meeting.place


def test_a_backslash_in_the_place_is_escaped_as_rfc_5545_says(dossier):
    meeting = services.meeting_set(
        dossier=dossier, starts_at=dt.datetime(2026, 8, 26, 14, 0, tzinfo=PARIS), place="A\\, B"
    )
    text = meeting_ics(dossier=dossier, meeting=meeting)
    assert "LOCATION:A\\\\\\, B" in text
