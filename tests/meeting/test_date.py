"""Meeting date and place, stored by the meeting app, and its .ics download."""

from __future__ import annotations

from django.urls import reverse

from bilan.meeting.models import Meeting


def test_set_date_then_download_ics(intern_client, dossier):
    url = reverse("meeting:date", args=[dossier.pk])
    response = intern_client.post(
        url, {"starts_at": "2026-08-26T14:00", "duration_minutes": "90", "place": "Salle, Lyon"}
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(dossier=dossier)
    assert meeting.duration_minutes == 90
    page = intern_client.get(reverse("meeting:index", args=[dossier.pk])).content.decode()
    assert reverse("meeting:ics", args=[dossier.pk]) in page
    response = intern_client.get(reverse("meeting:ics", args=[dossier.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode().replace("\r\n ", "")
    assert "DTSTART:20260826T120000Z" in text and "DTEND:20260826T133000Z" in text
    assert "LOCATION:Salle\\, Lyon" in text and "Camille Moreau" in text


def test_no_ics_without_a_date(intern_client, dossier):
    assert intern_client.get(reverse("meeting:ics", args=[dossier.pk])).status_code == 404


def test_bad_date_writes_nothing(intern_client, dossier):
    url = reverse("meeting:date", args=[dossier.pk])
    response = intern_client.post(url, {"starts_at": "demain", "duration_minutes": "5"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Saisissez une date et une heure valides." in page
    assert "supérieure ou égale à 15" in page
    assert not Meeting.objects.exists()


def test_clear_date(intern_client, dossier):
    url = reverse("meeting:date", args=[dossier.pk])
    intern_client.post(url, {"starts_at": "2026-08-26T14:00", "duration_minutes": "60"})
    intern_client.post(url, {"clear": "1"})
    assert not Meeting.objects.exists()
