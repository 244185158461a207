"""Every intern-side URL: the owner gets in, an outsider gets 404, anonymous goes to login."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bilan.feedback import services
from bilan.feedback.models import Answer, Discovery, FeedbackRequest, Round
from bilan.meeting.models import Meeting


@pytest.fixture
def ids(dossier, colleague):
    item, _token = colleague
    answer = services.feedback_answer_submit(
        feedback_request=item, strengths_other="Pédagogie", situation="Le 3 mai, ..."
    )
    discovery = Discovery.objects.create(answer=answer, label="Pédagogie", sentence="Pédagogie")
    return {"d": dossier.pk, "r": item.pk, "a": answer.pk, "h": discovery.pk}


GET_URLS = [
    ("feedback:requests", ["d"]),
    ("feedback:invite", ["d"]),
    ("feedback:settings", ["d"]),
    ("feedback:results", ["d"]),
    ("feedback:export", ["d"]),
    ("feedback:close", ["d"]),
]
POST_URLS = [
    ("feedback:invite", ["d"]),
    ("feedback:resend", ["d", "r"]),
    ("feedback:revoke", ["d", "r"]),
    ("feedback:settings", ["d"]),
    ("feedback:close", ["d"]),
    ("feedback:erase", ["d", "a"]),
    ("feedback:discovery_add", ["d", "h"]),
    ("feedback:discovery_dismiss", ["d", "h"]),
]
PAYLOAD = {
    "name": "Pirate",
    "email": "pirate@example.org",
    "relationship": "colleague",
    "language": "fr",
    "starts_at": "2026-08-26T14:00",
    "duration_minutes": "60",
    "scale": "attentes",
}


def _url(name, keys, ids):
    return reverse(name, args=[ids[key] for key in keys])


@pytest.mark.parametrize(("name", "keys"), GET_URLS)
def test_owner_can_get(intern_client, ids, name, keys):
    assert intern_client.get(_url(name, keys, ids)).status_code == 200


@pytest.mark.parametrize(("name", "keys"), GET_URLS + POST_URLS)
def test_outsider_gets_404(outsider_client, ids, name, keys):
    assert outsider_client.post(_url(name, keys, ids), PAYLOAD).status_code == 404
    assert outsider_client.get(_url(name, keys, ids)).status_code in {404, 405}


@pytest.mark.parametrize(("name", "keys"), GET_URLS + POST_URLS)
def test_anonymous_is_sent_to_login(client, ids, name, keys):
    response = client.post(_url(name, keys, ids), PAYLOAD)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_outsider_changed_nothing(outsider_client, client, ids):
    for name, keys in POST_URLS:
        outsider_client.post(_url(name, keys, ids), PAYLOAD)
        client.post(_url(name, keys, ids), PAYLOAD)
    item = FeedbackRequest.objects.get()
    assert item.revoked_at is None and item.answered_at is not None
    assert FeedbackRequest.objects.count() == 1
    assert Answer.objects.count() == 1
    assert Discovery.objects.get().status == "pending"
    assert not Meeting.objects.exists() and not Round.objects.exists()


def test_ids_of_another_dossier_are_not_mixed(intern_client, intern, ids):
    from bilan.dossiers import services as dossier_services

    other = dossier_services.dossier_create(
        owner=intern, organisation="Autre", start_date="2026-01-01", end_date="2026-02-01"
    )
    for name in ("feedback:resend", "feedback:revoke"):
        assert intern_client.post(reverse(name, args=[other.pk, ids["r"]])).status_code == 404
    url = reverse("feedback:erase", args=[other.pk, ids["a"]])
    assert intern_client.post(url).status_code == 404
    assert Answer.objects.exists()
