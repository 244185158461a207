"""The rehearsal page: access, the plan's settings, notes and cue cards, with the database."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from bilan.dossiers.models import Objective
from bilan.meeting.models import Question
from bilan.rehearsal.models import Note, Plan
from bilan.skills.models import DossierSkill, Example

pytestmark = pytest.mark.django_db


def url(name, dossier, *args):
    return reverse(f"rehearsal:{name}", args=[dossier.pk, *args])


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def outsider_client(outsider) -> Client:
    client = Client()
    client.force_login(outsider)
    return client


def test_someone_else_gets_404_everywhere(with_synthesis, outsider_client, intern_client):
    note = Note.objects.create(dossier=with_synthesis, text="Parler moins vite")
    for name, args, method in [
        ("index", [], "get"),
        ("cards", [], "get"),
        ("length", [], "post"),
        ("times", [], "post"),
        ("note_add", [], "post"),
        ("note_delete", [note.pk], "post"),
    ]:
        response = getattr(outsider_client, method)(url(name, with_synthesis, *args))
        assert response.status_code == 404, name
    assert Note.objects.filter(pk=note.pk).exists()
    assert not Plan.objects.exists()
    anonymous = Client().get(url("index", with_synthesis))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_page_shows_the_timed_outline_of_the_synthesis(with_synthesis, intern_client):
    response = intern_client.get(url("index", with_synthesis))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Compétences acquises" in html and "Rédaction web : douze articles publiés" in html
    assert 'data-start="0"' in html
    assert "Bilan personnel" not in html  # empty section, not in the outline
    assert "10:00" in html  # default length


def test_page_without_synthesis_points_to_it(dossier, intern_client):
    response = intern_client.get(url("index", dossier))
    assert response.status_code == 200
    assert reverse("synthesis:home", args=[dossier.pk]) in response.content.decode()


def test_length_preset_and_custom_length(with_synthesis, intern_client):
    response = intern_client.post(url("length", with_synthesis), {"minutes": "5"})
    assert response.status_code == 302
    assert Plan.objects.get(dossier=with_synthesis).length_minutes == 5
    response = intern_client.post(url("length", with_synthesis), {"minutes": "90"})
    assert response.status_code == 400
    assert Plan.objects.get(dossier=with_synthesis).length_minutes == 5


def test_own_times_are_saved_and_bad_ones_refused(with_synthesis, intern_client):
    times = {
        "introduction": "0:45",
        "deroulement": "3",
        "competences": "2:30",
        "difficultes": "1:30",
        "ouverture": "1:15",
    }
    response = intern_client.post(url("times", with_synthesis), times)
    assert response.status_code == 302
    plan = Plan.objects.get(dossier=with_synthesis)
    assert plan.seconds == {
        "introduction": 45,
        "deroulement": 180,
        "competences": 150,
        "difficultes": 90,
        "ouverture": 75,
    }
    assert plan.length_minutes == 9  # 540 s
    page = intern_client.get(url("index", with_synthesis)).content.decode()
    assert 'data-start="45" data-seconds="180"' in page

    response = intern_client.post(url("times", with_synthesis), {**times, "competences": "2:75"})
    assert response.status_code == 400
    assert "minutes:secondes" in response.content.decode()
    assert Plan.objects.get(dossier=with_synthesis).seconds["competences"] == 150

    # A new length scales the intern's split instead of discarding it.
    intern_client.post(url("length", with_synthesis), {"minutes": "18"})
    plan.refresh_from_db()
    assert plan.seconds["deroulement"] == 360 and plan.length_minutes == 18

    intern_client.post(url("times", with_synthesis), {"reset": "1"})
    plan.refresh_from_db()
    assert plan.seconds == {}


def test_notes_are_kept_and_removed(with_synthesis, intern_client):
    response = intern_client.post(
        url("note_add", with_synthesis),
        {
            "text": "Trop long sur le déroulement",
            "elapsed_seconds": "734",
            "planned_seconds": "600",
        },
    )
    assert response.status_code == 302
    note = Note.objects.get(dossier=with_synthesis)
    assert (note.text, note.elapsed_seconds, note.planned_seconds) == (
        "Trop long sur le déroulement",
        734,
        600,
    )
    page = intern_client.get(url("index", with_synthesis)).content.decode()
    assert "Trop long sur le déroulement" in page and "12:14" in page

    response = intern_client.post(url("note_add", with_synthesis), {"text": "   "})
    assert response.status_code == 400
    assert Note.objects.count() == 1

    intern_client.post(url("note_delete", with_synthesis, note.pk))
    assert not Note.objects.exists()


def test_likely_questions_come_from_the_dossier(with_synthesis, intern_client):
    Objective.objects.create(
        dossier=with_synthesis,
        title="Refondre le site intranet",
        status=Objective.Status.DROPPED,
        reason="Le prestataire a été changé en juin.",
    )
    shown = DossierSkill.objects.create(
        dossier=with_synthesis, custom_label="Rédaction web", family="technical"
    )
    DossierSkill.objects.create(
        dossier=with_synthesis, custom_label="Négociation", family="technical"
    )
    example = Example.objects.create(dossier=with_synthesis, title="Newsletter de mai")
    example.skills.add(shown)
    page = intern_client.get(url("index", with_synthesis)).content.decode()
    assert "Refondre le site intranet" in page and "Le prestataire a été changé en juin." in page
    assert "« Négociation »" in page
    assert "« Rédaction web »" not in page  # it has its example
    assert "au moins une question sur la suite" in page
    Question.objects.create(dossier=with_synthesis, topic=Question.Topic.FUTURE, text="Une suite ?")
    page = intern_client.get(url("index", with_synthesis)).content.decode()
    assert "au moins une question sur la suite" not in page


def test_cue_cards_a6_and_a4(with_synthesis, intern_client):
    Question.objects.create(
        dossier=with_synthesis,
        topic=Question.Topic.FUTURE,
        text="Quels postes visent vos alternants ?",
    )
    response = intern_client.get(url("cards", with_synthesis) + "?size=a6")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages, text = pdf_text(response.content)
    # five parts, one card of likely questions, one of the intern's own
    assert pages == 7
    assert "Compétences acquises" in text and "Quels postes visent vos alternants ?" in text
    assert "0:00" in text
    response = intern_client.get(url("cards", with_synthesis) + "?size=a4")
    pages, text = pdf_text(response.content)
    assert pages == 2  # seven cards, four to a page
    assert "Questions probables du tuteur" in text
