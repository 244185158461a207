"""The "Après le stage" page: CV lines, stories, "à propos", the letter with its mailto link."""

from __future__ import annotations

from html import unescape

from django.urls import reverse

from bilan.career import services
from bilan.career.models import CvLine, Profile
from bilan.skills.models import Example


def _url(name, dossier, *args):
    return reverse(f"career:{name}", args=[dossier.pk, *args])


def test_page_proposes_lines_stories_about_and_letter(intern_client, filled):
    response = intern_client.get(_url("index", filled))
    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Analysé les 12 derniers numéros et rédigé les éditos — 42 % d'ouverture en août" in page
    assert "Situation : 31 % d'ouverture." in page
    assert "j'ai effectué un stage de 21 semaines" in page
    assert "Demande de lettre de recommandation — Camille Moreau" in page
    assert 'href="mailto:sophie@example.org?subject=Demande%20de%20lettre' in page


def test_keep_an_edited_proposal_then_it_is_no_longer_proposed(intern_client, filled):
    example = Example.objects.get(title="Refonte de la newsletter")
    response = intern_client.post(
        _url("line_add", filled),
        {"text": " Analysé 12 numéros — 42 % d'ouverture ", "example": example.pk},
    )
    assert response.status_code == 302
    line = CvLine.objects.get()
    assert (line.text, line.example) == ("Analysé 12 numéros — 42 % d'ouverture", example)
    assert example not in [p.example for p in services.cv_lines_propose(dossier=filled)]


def test_bad_line_input_writes_nothing(intern_client, filled, outsider):
    from bilan.dossiers import services as dossier_services
    from bilan.skills import services as skills

    other = dossier_services.dossier_create(
        owner=outsider,
        organisation="Ailleurs",
        start_date=filled.start_date,
        end_date=filled.end_date,
    )
    foreign = skills.example_create(dossier=other, title="Secret", action="J'ai codé.")
    for data, message in [
        ({"text": "   "}, "Écrivez la ligne de CV."),
        ({"text": "x" * 301}, "au plus 300 caractères"),
        (
            {"text": "Rédigé", "example": foreign.pk},
            "Cet exemple n'existe pas ou n'est pas le vôtre.",
        ),
    ]:
        response = intern_client.post(_url("line_add", filled), data)
        assert response.status_code == 400
        assert message in unescape(response.content.decode())
    assert not CvLine.objects.exists()


def test_edit_move_delete(intern_client, filled):
    first = services.cv_line_add(dossier=filled, text="Un")
    second = services.cv_line_add(dossier=filled, text="Deux")
    assert (
        intern_client.post(_url("line_edit", filled, first.pk), {"text": "Un bis"}).status_code
        == 302
    )
    first.refresh_from_db()
    assert first.text == "Un bis"
    assert intern_client.post(_url("line_edit", filled, first.pk), {"text": ""}).status_code == 400
    first.refresh_from_db()
    assert first.text == "Un bis"
    intern_client.post(_url("line_move", filled, second.pk), {"up": "1"})
    assert list(CvLine.objects.values_list("text", flat=True)) == ["Deux", "Un bis"]
    intern_client.post(_url("line_delete", filled, second.pk))
    assert list(CvLine.objects.values_list("text", flat=True)) == ["Un bis"]


def test_about_is_saved_reset_and_validated(intern_client, filled):
    response = intern_client.post(_url("about", filled), {"about": "  Curieuse.  "})
    assert response.status_code == 302
    assert Profile.objects.get().about == "Curieuse."
    response = intern_client.post(_url("about", filled), {"about": " "})
    assert response.status_code == 400
    assert "Écrivez quelques phrases" in unescape(response.content.decode())
    assert Profile.objects.get().about == "Curieuse."
    intern_client.post(_url("about", filled), {"reset": "1"})
    assert Profile.objects.get().about == ""
    assert services.career_about(dossier=filled).startswith("En BUT")


def test_letter_is_saved_and_the_mailto_follows(intern_client, filled):
    response = intern_client.post(
        _url("letter", filled), {"subject": "Lettre & merci", "body": "Bonjour,\nMerci !"}
    )
    assert response.status_code == 302
    profile = Profile.objects.get()
    assert (profile.letter_subject, profile.letter_body) == ("Lettre & merci", "Bonjour,\nMerci !")
    page = intern_client.get(_url("index", filled)).content.decode()
    assert (
        "mailto:sophie@example.org?subject=Lettre%20%26%20merci&amp;body=Bonjour%2C%0D%0AMerci%20%21"
        in page
    )
    for data in ({"subject": "", "body": "x"}, {"subject": "x", "body": "  "}):
        assert intern_client.post(_url("letter", filled), data).status_code == 400
    profile.refresh_from_db()
    assert profile.letter_subject == "Lettre & merci"
