from __future__ import annotations

import datetime as dt

from django.urls import reverse

from bilan.dossiers import services


def test_quick_capture_from_home_returns_home(intern_client, dossier):
    response = intern_client.post(
        reverse("dossiers:journal", args=[dossier.pk]),
        {
            "date": "2026-04-07",
            "text": "Premier appel à un producteur",
            "tags": "appel",
            "from": "home",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("dossiers:home", args=[dossier.pk])
    entry = dossier.journal_entries.get()
    assert entry.date == dt.date(2026, 4, 7) and entry.tags == "appel"


def test_journal_lists_by_week_and_filters_by_tag(intern_client, dossier):
    services.journal_entry_create(dossier=dossier, date=dt.date(2026, 4, 7), text="Appel", tags="x")
    services.journal_entry_create(dossier=dossier, date=dt.date(2026, 4, 15), text="Réunion")
    url = reverse("dossiers:journal", args=[dossier.pk])
    body = intern_client.get(url).content.decode()
    assert body.count("Semaine du") == 2
    filtered = intern_client.get(url, {"tag": "x"}).content.decode()
    assert "Appel" in filtered and "Réunion" not in filtered


def test_empty_entry_is_refused(intern_client, dossier):
    response = intern_client.post(
        reverse("dossiers:journal", args=[dossier.pk]), {"date": "2026-04-07", "text": ""}
    )
    assert response.status_code == 400
    assert dossier.journal_entries.count() == 0


def test_huge_entry_is_refused_with_the_figures(intern_client, dossier):
    response = intern_client.post(
        reverse("dossiers:journal", args=[dossier.pk]),
        {"date": "2026-04-07", "text": "é" * 10_001},
    )
    assert response.status_code == 400
    assert "10001" in response.content.decode().replace("\u202f", "").replace(" ", "")
    assert dossier.journal_entries.count() == 0


def test_edit_and_delete_entry(intern_client, dossier):
    entry = services.journal_entry_create(dossier=dossier, date=dt.date(2026, 4, 7), text="Avant")
    url = reverse("dossiers:journal_edit", args=[dossier.pk, entry.pk])
    intern_client.post(url, {"date": "2026-04-08", "text": "Après", "tags": ""})
    entry.refresh_from_db()
    assert entry.text == "Après" and entry.date == dt.date(2026, 4, 8)
    intern_client.post(reverse("dossiers:journal_delete", args=[dossier.pk, entry.pk]))
    assert dossier.journal_entries.count() == 0


def test_weeks_page_side_by_side_and_saves_what_i_master(intern_client, dossier):
    services.journal_entry_create(dossier=dossier, date=dt.date(2026, 4, 6), text="Découverte")
    services.journal_entry_create(dossier=dossier, date=dt.date(2026, 8, 27), text="En autonomie")
    url = reverse("dossiers:weeks", args=[dossier.pk])
    body = intern_client.get(url).content.decode()
    assert body.index("Découverte") < body.index("En autonomie")
    response = intern_client.post(
        url, {"first_week_note": "Rien", "mastered_now": "Brevo et Canva"}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.mastered_now == "Brevo et Canva"
