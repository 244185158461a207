"""The intern's pages: invite, follow, settings, meeting, close; bad input writes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bilan.feedback import services
from bilan.feedback.models import FeedbackRequest, Round
from bilan.jobs.models import Job
from bilan.meeting.models import Meeting

VALID = {
    "name": "Jean Morel",
    "email": "jean.morel@example.org",
    "relationship": "colleague",
    "language": "fr",
}


def test_invite_queues_the_email(intern_client, dossier, run_jobs):
    response = intern_client.post(reverse("feedback:invite", args=[dossier.pk]), VALID)
    assert response.status_code == 302
    item = FeedbackRequest.objects.get()
    assert (item.name, item.email, item.dossier) == ("Jean Morel", VALID["email"], dossier)
    assert Job.objects.filter(kind=services.JOB_SEND).count() == 1
    page = intern_client.get(reverse("feedback:requests", args=[dossier.pk])).content.decode()
    assert "En attente d&#x27;envoi" in page
    run_jobs()
    page = intern_client.get(reverse("feedback:requests", args=[dossier.pk])).content.decode()
    assert "Envoyée" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**VALID, "email": "pas-une-adresse"}, "Saisissez une adresse de courriel valide"),
        ({**VALID, "name": "   "}, "Ce champ est obligatoire"),
        ({**VALID, "relationship": "boss"}, "Sélectionnez un choix valide"),
        ({**VALID, "language": "de"}, "Sélectionnez un choix valide"),
        ({**VALID, "relationship": "tutor", "anonymous": "on"}, "ne peut pas être anonyme"),
    ],
)
def test_bad_invitation_is_refused(intern_client, dossier, data, message):
    response = intern_client.post(reverse("feedback:invite", args=[dossier.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not FeedbackRequest.objects.exists() and not Job.objects.exists()


def test_same_person_twice_is_refused(intern_client, dossier, colleague):
    response = intern_client.post(
        reverse("feedback:invite", args=[dossier.pk]), {**VALID, "email": "JEAN.morel@example.org"}
    )
    assert response.status_code == 400
    assert "déjà en cours" in response.content.decode()
    assert FeedbackRequest.objects.count() == 1


def test_no_invitation_once_closed(intern_client, dossier):
    intern_client.post(reverse("feedback:close", args=[dossier.pk]), {"confirm": "on"})
    response = intern_client.post(reverse("feedback:invite", args=[dossier.pk]), VALID)
    assert response.status_code == 400 and "close" in response.content.decode()
    assert not FeedbackRequest.objects.exists()
    intern_client.post(reverse("feedback:close", args=[dossier.pk]), {"reopen": "1"})
    assert (
        intern_client.post(reverse("feedback:invite", args=[dossier.pk]), VALID).status_code == 302
    )


def test_statuses_and_actions_on_the_list(intern_client, dossier, invite, client):
    sent, _ = invite("Sent", "sent@example.org")
    opened, token = invite("Opened", "opened@example.org")
    client.get(reverse("feedback_public:notice", args=[token]))
    revoked, _ = invite("Revoked", "revoked@example.org")
    intern_client.post(reverse("feedback:revoke", args=[dossier.pk, revoked.pk]))
    page = intern_client.get(reverse("feedback:requests", args=[dossier.pk])).content.decode()
    for label in ("Envoyée", "Ouverte", "Retirée"):
        assert label in page
    revoked.refresh_from_db()
    assert revoked.status == "revoked" and revoked.token_hash is None
    response = intern_client.post(
        reverse("feedback:resend", args=[dossier.pk, revoked.pk]), follow=True
    )
    assert "créez-en une nouvelle" in response.content.decode()
    before = Job.objects.filter(kind=services.JOB_SEND).count()
    intern_client.post(reverse("feedback:resend", args=[dossier.pk, sent.pk]))
    assert Job.objects.filter(kind=services.JOB_SEND).count() == before + 1


def test_request_list_query_count_does_not_grow(
    intern_client, dossier, invite, django_assert_max_num_queries
):
    invite("A", "a@example.org")
    url = reverse("feedback:requests", args=[dossier.pk])
    with django_assert_max_num_queries(9) as captured:
        intern_client.get(url)
    baseline = len(captured.captured_queries)
    for number in range(6):
        item, _ = invite(f"P{number}", f"p{number}@example.org", anonymous=number % 2 == 0)
        services.feedback_answer_submit(feedback_request=item, situation="Le 3 mai ...")
    with django_assert_max_num_queries(baseline):
        response = intern_client.get(url)
    assert response.content.decode().count("Effacer la réponse") == 6


def test_grid_and_scale_settings(intern_client, dossier):
    url = reverse("feedback:settings", args=[dossier.pk])
    grid = services.round_get(dossier=dossier).grid
    page = intern_client.get(url).content.decode()
    assert "Adaptation" in page and "Supérieur / conforme" in page
    response = intern_client.post(url, {"grid": grid.pk, "scale": "nope"})
    assert response.status_code == 400 and not Round.objects.exists()
    response = intern_client.post(url, {"grid": 999999, "scale": "attentes"})
    assert response.status_code == 400 and not Round.objects.exists()
    assert intern_client.post(url, {"grid": grid.pk, "scale": "attentes"}).status_code == 302
    assert Round.objects.get().scale == "attentes"


def test_meeting(intern_client, dossier):
    url = reverse("meeting:date", args=[dossier.pk])
    response = intern_client.post(url, {"starts_at": "demain", "duration_minutes": "60"})
    assert response.status_code == 400 and "Saisissez une date et une heure valides" in (
        response.content.decode()
    )
    response = intern_client.post(
        url, {"starts_at": "2026-08-26T14:00", "duration_minutes": "5000"}
    )
    assert response.status_code == 400 and not Meeting.objects.exists()
    response = intern_client.post(
        url, {"starts_at": "2026-08-26T14:00", "duration_minutes": "90", "place": "Salle 2"}
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.place == "Salle 2" and meeting.starts_at.hour == 12  # 14:00 Paris in UTC
    intern_client.post(url, {"clear": "1"})
    assert not Meeting.objects.exists()


def test_checklist_item_needs_two_people_other_than_the_intern(dossier, invite):
    from bilan.overview.checklist import dossier_checklist

    def item():
        return {i.key: i for i in dossier_checklist(dossier).items}["feedback"]

    assert item().available and not item().done
    me, _ = invite("Moi", "camille@example.org")
    first, _ = invite("Jean", "jean@example.org")
    for request in (me, first):
        services.feedback_answer_submit(feedback_request=request, situation="Le 3 mai ...")
    assert not item().done and "1 réponse reçue" in item().detail
    second, _ = invite("Nadia", "nadia@example.org")
    services.feedback_answer_submit(feedback_request=second, situation="Le 4 mai ...")
    assert item().done


# --- The first invitation: the tutor from the dossier, a personal word, a preview ---------------


def test_invite_prefills_the_tutor_from_the_dossier(intern_client, dossier):
    dossier.tutor_name, dossier.tutor_email = "Sophie Laurent", "sophie.laurent@example.org"
    dossier.save()
    url = reverse("feedback:invite", args=[dossier.pk])
    page = intern_client.get(url).content.decode()
    assert 'value="Sophie Laurent"' in page and 'value="sophie.laurent@example.org"' in page
    assert '<option value="tutor" selected>' in page
    listing = intern_client.get(reverse("feedback:requests", args=[dossier.pk]))
    assert "Inviter votre tuteur, Sophie Laurent" in listing.content.decode()
    other = intern_client.get(url, {"who": "other"}).content.decode()
    assert 'value="Sophie Laurent"' not in other


def test_invite_stops_prefilling_once_the_tutor_is_invited(intern_client, dossier, tutor):
    dossier.tutor_name, dossier.tutor_email = "Sophie Laurent", "sophie.laurent@example.org"
    dossier.save()
    page = intern_client.get(reverse("feedback:invite", args=[dossier.pk])).content.decode()
    assert 'value="Sophie Laurent"' not in page


def test_preview_shows_the_email_and_questionnaire_and_sends_nothing(intern_client, dossier):
    data = {**VALID, "relationship": "tutor", "message": "Merci pour ces cinq mois !"}
    response = intern_client.post(
        reverse("feedback:invite", args=[dossier.pk]), {**data, "preview": "1"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Camille Moreau vous demande un retour sur son stage" in page
    assert "Merci pour ces cinq mois !" in page
    assert "[votre lien personnel, créé à l&#x27;envoi]" in page
    assert "/f/preview/" not in page
    assert "Aperçu du questionnaire" in page and 'id="preview-' in page
    assert not FeedbackRequest.objects.exists() and not Job.objects.exists()


def test_preview_in_the_raters_language(intern_client, dossier):
    response = intern_client.post(
        reverse("feedback:invite", args=[dossier.pk]), {**VALID, "language": "en", "preview": "1"}
    )
    page = response.content.decode()
    assert "Camille Moreau would like your feedback on their internship" in page
    assert "[your personal link, made when it is sent]" in page


def test_bad_preview_is_refused(intern_client, dossier):
    response = intern_client.post(
        reverse("feedback:invite", args=[dossier.pk]),
        {**VALID, "email": "pas-une-adresse", "preview": "1"},
    )
    assert response.status_code == 400
    assert "Aperçu de l&#x27;e-mail" not in response.content.decode()


def test_personal_message_is_stored(intern_client, dossier):
    intern_client.post(
        reverse("feedback:invite", args=[dossier.pk]), {**VALID, "message": "  Merci !  "}
    )
    assert FeedbackRequest.objects.get().message == "Merci !"


def test_closing_the_round_asks_for_confirmation(intern_client, dossier, colleague):
    url = reverse("feedback:close", args=[dossier.pk])
    requests_page = intern_client.get(reverse("feedback:requests", args=[dossier.pk]))
    assert f'href="{url}"' in requests_page.content.decode()
    page = intern_client.get(url).content.decode()
    assert "1 personne n'a pas encore répondu" in page
    response = intern_client.post(url)
    assert response.status_code == 400
    assert "Cochez la case pour confirmer" in response.content.decode()
    assert not services.round_get(dossier=dossier).is_closed
    response = intern_client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert services.round_get(dossier=dossier).is_closed


def test_export_says_what_it_is_for(intern_client, dossier):
    page = intern_client.get(reverse("feedback:requests", args=[dossier.pk])).content.decode()
    assert "Télécharger mes réponses reçues (JSON, pour les archiver ou les transférer)" in page
    assert "Exporter (JSON)" not in page
