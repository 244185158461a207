"""The rater's side: notice, form, review, amendment, and every way a link is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from bilan.dossiers import services as dossier_services
from bilan.feedback import services
from bilan.feedback.models import Answer, FeedbackRequest
from bilan.skills import services as skills_services

from .conftest import last_token


def notice_url(token: str) -> str:
    return reverse("feedback_public:notice", args=[token])


def answer_url(token: str) -> str:
    return reverse("feedback_public:answer", args=[token])


GOOD = {
    "strengths_other": "Pédagogie",
    "situation": "Le 12 mai, son benchmark de 8 coopératives nous a fait trancher en une séance.",
    "improve": "Préparer une version courte des présentations pour les réunions de 15 minutes.",
}


def test_notice_comes_first_and_says_who_reads_and_for_how_long(client, colleague):
    item, token = colleague
    response = client.get(notice_url(token))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Qui lira votre réponse" in page and "Camille Moreau" in page
    assert "Combien de temps elle est conservée" in page and "RGPD" in page
    assert "Réponse nominative" in page
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cache-Control"] == "no-store"
    item.refresh_from_db()
    assert item.opened_at is not None and item.status == "opened"


def test_anonymous_request_says_so(client, invite):
    _item, token = invite("Léa", "lea@example.org", anonymous=True)
    page = client.get(notice_url(token)).content.decode()
    assert "Réponse anonyme" in page and "au moins trois" in page


def test_pages_render_in_the_raters_language(client, invite):
    _item, token = invite("John Smith", "john@example.org", language="en")
    response = client.get(notice_url(token))
    assert '<html lang="en">' in response.content.decode()
    assert response["Content-Language"] == "en"
    response = client.get(answer_url(token))
    assert '<html lang="en">' in response.content.decode()


def test_colleague_submits_then_amends_until_closed(client, colleague, dossier, run_jobs):
    item, token = colleague
    response = client.post(answer_url(token), GOOD)
    assert response.status_code == 302 and response.url.endswith("/thanks/")
    answer = Answer.objects.get(request=item)
    assert answer.situation.startswith("Le 12 mai")
    item.refresh_from_db()
    assert item.status == "answered"

    response = client.post(
        answer_url(token),
        {**GOOD, "improve": "Partager le plan deux jours avant la réunion de service."},
    )
    assert response.status_code == 302
    assert Answer.objects.get(request=item).improve == (
        "Partager le plan deux jours avant la réunion de service."
    )
    assert Answer.objects.count() == 1

    services.round_close(dossier=dossier)
    response = client.post(answer_url(token), {**GOOD, "improve": "Trop tard."})
    assert response.status_code == 410
    assert "collecte des retours est close" in response.content.decode()
    assert Answer.objects.get(request=item).improve == (
        "Partager le plan deux jours avant la réunion de service."
    )


def test_strengths_are_chosen_among_the_interns_skills(client, colleague, dossier):
    item, token = colleague
    skill = skills_services.dossier_skill_add(dossier=dossier, label="Canva", family="technical")
    page = client.get(answer_url(token)).content.decode()
    assert "Canva" in page
    response = client.post(answer_url(token), {**GOOD, "strengths": [skill.pk]})
    assert response.status_code == 302
    assert list(Answer.objects.get().strengths.all()) == [skill]


def test_review_is_shown_once_then_the_rater_may_submit_anyway(client, colleague):
    item, token = colleague
    vague = {**GOOD, "situation": "Bon travail.", "improve": "Sa dépression l'a ralentie."}
    response = client.post(answer_url(token), vague)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Relisez avant d'envoyer" in page
    assert "santé" in page and "dépression" in page  # CNIL: health
    assert "sans illustration concrète" in page  # the coach: vague
    assert not Answer.objects.exists()
    digest = response.context["digest"]
    response = client.post(answer_url(token), {**vague, "reviewed": digest})
    assert response.status_code == 302
    assert Answer.objects.get().situation == "Bon travail."


def test_editing_after_the_review_is_reviewed_again(client, colleague):
    _item, token = colleague
    first = client.post(answer_url(token), {**GOOD, "situation": "Bon travail."})
    digest = first.context["digest"]
    response = client.post(
        answer_url(token), {**GOOD, "situation": "Super boulot !!!", "reviewed": digest}
    )
    assert response.status_code == 200 and "Relisez avant d'envoyer" in response.content.decode()
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"situation": GOOD["situation"]}, "Cochez au moins un point fort"),
        ({"strengths_other": "Pédagogie"}, "Ce champ est obligatoire"),
        ({**GOOD, "strengths": ["999999"]}, "Sélectionnez un choix valide"),
        ({**GOOD, "situation": "x" * 10_001}, "la limite est de 10000"),
    ],
)
def test_bad_colleague_input_is_refused_with_a_message(client, colleague, data, message):
    item, token = colleague
    response = client.post(answer_url(token), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Answer.objects.exists()
    item.refresh_from_db()
    assert item.answered_at is None


def test_tutor_fills_the_grid_with_objectives_and_skills(client, tutor, dossier):
    item, token = tutor
    objective = dossier_services.objective_create(dossier=dossier, title="Rédiger la newsletter")
    skill = skills_services.dossier_skill_add(dossier=dossier, label="Canva", family="technical")
    page = client.get(answer_url(token)).content.decode()
    for text in ("Savoir-être", "Savoir-faire", "Rigueur", "Objectifs atteints", "Canva"):
        assert text in page
    assert "Très bien" in page and "Accueilleriez-vous un autre stagiaire" in page
    criterion = services.round_get(dossier=dossier).grid.criteria.get(label_fr="Rigueur")
    data = {
        f"criterion_{criterion.pk}": "tres_bien",
        f"objective_{objective.pk}": "atteint",
        f"skill_{skill.pk}": "excellent",
        "comment": "Le taux d'ouverture de la newsletter est passé de 31 % à 42 % en trois mois.",
        "host_again": "yes",
        "offers_recommendation": "on",
    }
    response = client.post(answer_url(token), data)
    assert response.status_code == 302, response.content.decode()
    answer = Answer.objects.get(request=item)
    assert answer.rating_values() == {
        f"criterion:{criterion.pk}": "tres_bien",
        f"objective:{objective.pk}": "atteint",
        f"skill:{skill.pk}": "excellent",
    }
    assert answer.offers_recommendation and answer.host_again == "yes"
    # Amending shows what was answered.
    page = client.get(answer_url(token)).content.decode()
    assert 'value="tres_bien" selected' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Évaluez au moins un critère"),
        ({"comment": "ok", "host_again": "toujours"}, "Sélectionnez un choix valide"),
    ],
)
def test_bad_tutor_input_is_refused(client, tutor, data, message):
    _item, token = tutor
    response = client.post(answer_url(token), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Answer.objects.exists()


def test_scale_chosen_by_the_dossier_is_the_one_offered(client, tutor, dossier):
    _item, token = tutor
    grid = services.round_get(dossier=dossier).grid
    services.round_update(dossier=dossier, grid=grid, scale="acquisition")
    page = client.get(answer_url(token)).content.decode()
    assert "En cours d&#x27;acquisition" in page and "Très bien" not in page


# --- Refused links: a clear page, nothing written ---------------------------------------------


def _nothing_written(item: FeedbackRequest, opened_before=None) -> None:
    item.refresh_from_db()
    assert not Answer.objects.exists()
    assert item.opened_at == opened_before


def test_expired_link(client, colleague):
    item, token = colleague
    FeedbackRequest.objects.filter(pk=item.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    for url in (notice_url(token), answer_url(token)):
        response = client.post(url, GOOD) if url.endswith("answer/") else client.get(url)
        assert response.status_code == 410
        assert "Ce lien a expiré" in response.content.decode()
    _nothing_written(item)


def test_revoked_link(client, colleague):
    item, token = colleague
    services.feedback_request_revoke(feedback_request=item)
    response = client.post(answer_url(token), GOOD)
    assert response.status_code in {404, 410}
    assert "Lien non valide" in response.content.decode() or "retiré" in response.content.decode()
    _nothing_written(item)


def test_tampered_link(client, colleague):
    item, token = colleague
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in (tampered, token[:20], token + "x", "%2e%2e"):
        response = client.get(reverse("feedback_public:notice", args=[bad]))
        assert response.status_code == 404
        assert "Lien non valide" in response.content.decode()
    assert client.post(answer_url(tampered), GOOD).status_code == 404
    _nothing_written(item)


def test_link_reused_after_close(client, colleague, dossier):
    item, token = colleague
    assert client.post(answer_url(token), GOOD).status_code == 302
    services.round_close(dossier=dossier)
    for response in (client.get(notice_url(token)), client.get(answer_url(token))):
        assert response.status_code == 410
    assert client.post(answer_url(token), {**GOOD, "situation": "Autre."}).status_code == 410
    assert Answer.objects.get().situation == GOOD["situation"]


def test_other_dossiers_token_opens_only_its_own_request(client, colleague, invite, outsider):
    item, _token = colleague
    other = dossier_services.dossier_create(
        owner=outsider,
        organisation="Autre entreprise",
        start_date=dt.date(2026, 1, 5),
        end_date=dt.date(2026, 3, 27),
    )
    other_item, other_token = invite("Zoé", "zoe@example.org", target=other)
    page = client.get(notice_url(other_token)).content.decode()
    assert "Olivier Dehors" in page and "Camille" not in page
    assert client.post(answer_url(other_token), GOOD).status_code == 302
    assert Answer.objects.get().request == other_item
    item.refresh_from_db()
    assert item.answered_at is None


def test_resent_link_replaces_the_old_one(client, colleague, run_jobs):
    item, old = colleague
    services.feedback_request_resend(feedback_request=item)
    run_jobs()
    new = last_token()
    assert new != old
    assert client.get(notice_url(old)).status_code == 404
    assert client.get(notice_url(new)).status_code == 200


def test_brute_force_is_rate_limited(client, colleague, settings):
    item, token = colleague
    settings.BILAN_FEEDBACK_RATE_LIMIT = 5
    for number in range(5):
        guess = f"{number:043d}"
        assert client.get(notice_url(guess)).status_code == 404
    response = client.get(notice_url(token))
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert client.post(answer_url(token), GOOD).status_code == 429
    _nothing_written(item)
    # Another address is not blocked.
    assert client.get(notice_url(token), REMOTE_ADDR="10.0.0.9").status_code == 200


def test_token_is_stored_only_as_a_hash(colleague):
    item, token = colleague
    item.refresh_from_db()
    assert token not in (item.token_hash or "")
    values = [str(value) for value in FeedbackRequest.objects.values().get().values()]
    assert all(token not in value for value in values)
    from bilan.jobs.models import Job

    assert all(token not in str(job.payload) for job in Job.objects.all())


def test_client_address_behind_our_proxy(rf, settings):
    from bilan.core.public import client_address

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.0.0.7", REMOTE_ADDR="127.0.0.1")
    settings.BEHIND_PROXY = False
    assert client_address(request) == "127.0.0.1"
    settings.BEHIND_PROXY = True
    assert client_address(request) == "10.0.0.7"  # the spoofable first entry is ignored


@pytest.mark.django_db(transaction=True)
def test_rate_limit_shared_through_the_database_cache(settings, rf):
    from django.core.cache import caches
    from django.core.management import call_command

    from bilan.core import public as ratelimit

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "bilan_cache_test",
        }
    }
    call_command("createcachetable")
    caches["default"].clear()
    settings.BILAN_FEEDBACK_RATE_LIMIT = 2
    request = rf.get("/", REMOTE_ADDR="192.0.2.9")
    ratelimit.note_refusal(request)
    assert not ratelimit.is_blocked(request)
    ratelimit.note_refusal(request)
    assert ratelimit.is_blocked(request)
