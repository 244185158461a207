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
    entry = services.journal_entry_create(
        dossier=dossier, date=dt.date(2026, 4, 7), text="Visite avant le stage"
    )
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


def _dated_dossier(intern, start, end):
    return services.dossier_create(
        owner=intern, organisation="Atelier Vélo", kind="stage", start_date=start, end_date=end
    )


def test_new_entry_defaults_to_the_last_day_once_the_internship_is_over(intern_client, intern):
    over = _dated_dossier(intern, dt.date(2020, 1, 6), dt.date(2020, 3, 27))
    page = intern_client.get(reverse("dossiers:journal", args=[over.pk])).content.decode()
    assert 'value="2020-03-27"' in page
    home = intern_client.get(reverse("dossiers:home", args=[over.pk])).content.decode()
    assert 'value="2020-03-27"' in home


def test_new_entry_defaults_to_the_first_day_before_the_internship(intern_client, intern):
    ahead = _dated_dossier(intern, dt.date(2099, 2, 2), dt.date(2099, 6, 26))
    page = intern_client.get(reverse("dossiers:journal", args=[ahead.pk])).content.decode()
    assert 'value="2099-02-02"' in page


def test_default_date_is_today_during_the_internship(intern):
    dossier = _dated_dossier(intern, dt.date(2026, 4, 6), dt.date(2026, 8, 28))
    assert dossier.journal_default_date(dt.date(2026, 5, 4)) == dt.date(2026, 5, 4)
    assert dossier.journal_default_date(dt.date(2026, 11, 30)) == dt.date(2026, 8, 28)
    assert dossier.journal_default_date(dt.date(2026, 1, 1)) == dt.date(2026, 4, 6)


def test_entry_outside_the_internship_is_kept_and_flagged(intern_client, dossier):
    url = reverse("dossiers:journal", args=[dossier.pk])
    response = intern_client.post(url, {"date": "2026-11-30", "text": "Relu mon rapport"})
    assert response.status_code == 302
    assert dossier.journal_entries.get().date == dt.date(2026, 11, 30)
    page = intern_client.get(url).content.decode()
    assert "hors de la période du stage (du 06/04/2026 au 28/08/2026)" in page
    assert "hors période du stage" in page


def test_entry_outside_the_internship_is_flagged_in_english(intern_client, intern, dossier):
    intern.language = "en"
    intern.save()
    url = reverse("dossiers:journal", args=[dossier.pk])
    intern_client.post(url, {"date": "2026-11-30", "text": "Read my report again"})
    page = intern_client.get(url).content.decode()
    assert "outside the internship" in page


def test_entry_inside_the_internship_gets_no_warning(intern_client, dossier):
    url = reverse("dossiers:journal", args=[dossier.pk])
    intern_client.post(url, {"date": "2026-05-04", "text": "Réunion"})
    page = intern_client.get(url).content.decode()
    assert "hors de la période" not in page and "hors période" not in page


def test_editing_an_entry_out_of_range_warns(intern_client, dossier):
    entry = services.journal_entry_create(dossier=dossier, date=dt.date(2026, 5, 4), text="A")
    response = intern_client.post(
        reverse("dossiers:journal_edit", args=[dossier.pk, entry.pk]),
        {"date": "2026-01-05", "text": "A"},
        follow=True,
    )
    assert "hors de la période du stage" in response.content.decode()


def test_out_of_range_entries_never_make_the_first_or_last_week(intern_client, dossier):
    services.journal_entry_create(
        dossier=dossier, date=dt.date(2026, 3, 2), text="Visite avant le stage"
    )
    services.journal_entry_create(dossier=dossier, date=dt.date(2026, 4, 8), text="Premier jour")
    services.journal_entry_create(dossier=dossier, date=dt.date(2026, 8, 26), text="Fin")
    services.journal_entry_create(
        dossier=dossier, date=dt.date(2026, 11, 30), text="Rapport relu après coup"
    )
    weeks = services.journal_first_last_weeks(dossier=dossier)
    assert [entry.text for entry in weeks.first.entries] == ["Premier jour"]
    assert [entry.text for entry in weeks.last.entries] == ["Fin"]
    page = intern_client.get(reverse("dossiers:weeks", args=[dossier.pk])).content.decode()
    assert "Premier jour" in page and "Fin" in page
    assert "Visite avant le stage" not in page and "Rapport relu" not in page


def test_only_out_of_range_entries_give_no_first_week(dossier):
    services.journal_entry_create(
        dossier=dossier, date=dt.date(2026, 11, 30), text="Rapport relu après coup"
    )
    weeks = services.journal_first_last_weeks(dossier=dossier)
    assert weeks.first is None and weeks.last is None
