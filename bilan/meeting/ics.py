"""The review meeting as a one-event iCalendar file (RFC 5545), written with ``icalendar``.

The library escapes text, folds long lines at 75 octets without cutting a character and ends
lines with CRLF. Times are written in UTC, so no VTIMEZONE block is needed.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from bilan.dossiers.models import Dossier

from .models import Meeting

CONTENT_TYPE = "text/calendar; method=PUBLISH; charset=utf-8"


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def intern_name(dossier: Dossier) -> str:
    return dossier.owner.get_full_name() or dossier.owner.email


def meeting_ics(*, dossier: Dossier, meeting: Meeting) -> str:
    """The event, in the active language: the intern's download and the tutor's invitation."""
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "bilan.local"
    intern = intern_name(dossier)
    event = Event()
    event.add("uid", f"bilan-meeting-{meeting.dossier_id}@{host}")
    event.add("dtstamp", _utc(meeting.updated_at or timezone.now()))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.starts_at + dt.timedelta(minutes=meeting.duration_minutes)))
    event.add("summary", _("Bilan de fin de stage — %(name)s") % {"name": intern})
    if meeting.place:
        event.add("location", meeting.place)
    event.add(
        "description",
        _("Entretien de bilan de fin de stage de %(name)s (%(organisation)s).")
        % {"name": intern, "organisation": dossier.organisation},
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Bilan//Bilan de fin de stage//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
