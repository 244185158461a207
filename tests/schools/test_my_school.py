"""The intern's "Mon école" page: who reads, the sharing choices, handing in, the access log."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from bilan.dossiers import services as dossier_services
from bilan.schools.models import AccessLog, Enrolment
from bilan.synthesis.services import synthesis_generate, synthesis_save

from .conftest import School


def page_url(school: School) -> str:
    return reverse("schools:my_school", args=[school.enrolment.dossier_id])


def test_the_page_says_who_reads_what_and_everything_starts_unshared(school, intern_client):
    page = intern_client.get(page_url(school)).content.decode()
    assert "IUT Lumière" in page and "Info-Com 2026" in page
    assert "Paul Girard" in page and "Nadia Benali" in page  # referent, admin
    assert "Léa Roux" not in page  # follows another cohort
    assert "le statut prévu / réalisé" in page
    enrolment = Enrolment.objects.get(pk=school.enrolment.pk)
    assert not any(
        getattr(enrolment, flag)
        for flag in (
            "share_tutor_evaluation",
            "share_journal",
            "share_traces",
            "share_feelings",
            "share_drafts",
        )
    )
    assert "checked" not in page.split('id="sharing-title"')[1].split("</form>")[0]


def test_the_page_is_in_english_too(school, intern):
    intern.language = "en"
    intern.save()
    client = Client()
    client.force_login(intern)
    page = client.get(page_url(school), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Who can read your dossier" in page
    assert "Hand in my synthesis" in page or "Write my synthesis" in page


def test_sharing_choices_are_saved(school, intern_client):
    response = intern_client.post(page_url(school), {"share_journal": "on", "share_traces": "on"})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(pk=school.enrolment.pk)
    assert enrolment.share_journal and enrolment.share_traces
    assert not enrolment.share_feelings and not enrolment.share_drafts
    intern_client.post(page_url(school), {"share_traces": "on"})
    enrolment.refresh_from_db()
    assert not enrolment.share_journal and enrolment.share_traces


def test_handing_in_without_a_synthesis_says_so_and_writes_nothing(school, intern_client):
    url = reverse("schools:my_school_submit", args=[school.enrolment.dossier_id])
    response = intern_client.post(url, follow=True)
    assert "rédigez-la d" in response.content.decode()
    enrolment = Enrolment.objects.get(pk=school.enrolment.pk)
    assert enrolment.submitted_version is None and enrolment.submitted_at is None


def test_handing_in_then_again_later(school, intern_client, dossier):
    url = reverse("schools:my_school_submit", args=[dossier.pk])
    first = synthesis_generate(dossier=dossier)
    assert "Rendre la version 1" in intern_client.get(page_url(school)).content.decode()
    intern_client.post(url)
    enrolment = Enrolment.objects.get(pk=school.enrolment.pk)
    assert enrolment.submitted_version == first
    first_at = enrolment.submitted_at
    assert first_at is not None
    page = intern_client.get(page_url(school)).content.decode()
    assert "Version 1 rendue le" in page
    assert "Rendre la version" not in page  # nothing newer to hand in

    second = synthesis_save(
        synthesis=first.synthesis, sections={"introduction": "Une introduction réécrite."}
    )
    assert second is not None
    page = intern_client.get(page_url(school)).content.decode()
    assert "Version 1 rendue le" in page and "Rendre la version 2" in page
    intern_client.post(url)
    enrolment.refresh_from_db()
    assert enrolment.submitted_version == second
    assert enrolment.submitted_at >= first_at


def test_submit_is_post_only(school, intern_client):
    url = reverse("schools:my_school_submit", args=[school.enrolment.dossier_id])
    assert intern_client.get(url).status_code == 405


def test_the_access_log_shows_every_staff_visit(school, intern_client, referent_client):
    assert "n'a encore consulté" in intern_client.get(page_url(school)).content.decode()
    referent_client.get(reverse("schools:intern", args=[school.cohort.pk, school.enrolment.pk]))
    log = AccessLog.objects.get(dossier_id=school.enrolment.dossier_id)
    assert (log.role, log.what) == ("referent", "overview")
    assert "referent@iut.example.org" in log.actor_label
    page = intern_client.get(page_url(school)).content.decode()
    assert "Paul Girard &lt;referent@iut.example.org&gt;" in page
    assert "la page de suivi" in page


def test_a_dossier_not_enrolled_has_no_school_page(intern, intern_client):
    lone = dossier_services.dossier_create(
        owner=intern,
        organisation="Seul",
        kind="stage",
        start_date=dt.date(2026, 1, 5),
        end_date=dt.date(2026, 3, 27),
    )
    assert intern_client.get(reverse("schools:my_school", args=[lone.pk])).status_code == 404
    home = intern_client.get(reverse("dossiers:home", args=[lone.pk])).content.decode()
    assert reverse("schools:my_school", args=[lone.pk]) not in home


def test_the_dossier_home_links_to_the_school_page_when_enrolled(school, intern_client, dossier):
    home = intern_client.get(reverse("dossiers:home", args=[dossier.pk])).content.decode()
    assert reverse("schools:my_school", args=[dossier.pk]) in home
