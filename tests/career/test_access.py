"""Every URL of "Après le stage": owner in, outsider 404, anonymous to login, nothing written."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bilan.career import services
from bilan.career.models import CvLine, Profile


@pytest.fixture
def ids(filled):
    line = services.cv_line_add(dossier=filled, text="Rédigé 5 numéros")
    return {"d": filled.pk, "l": line.pk}


GET_URLS = [
    ("career:index", ["d"]),
    ("career:line_edit", ["d", "l"]),
    ("career:resume", ["d"]),
]
POST_URLS = [
    ("career:line_add", ["d"]),
    ("career:line_edit", ["d", "l"]),
    ("career:line_move", ["d", "l"]),
    ("career:line_delete", ["d", "l"]),
    ("career:about", ["d"]),
    ("career:letter", ["d"]),
]
PAYLOAD = {"text": "Pirate", "about": "Pirate", "subject": "Pirate", "body": "Pirate"}


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


def test_outsider_and_anonymous_changed_nothing(outsider_client, client, ids):
    for name, keys in POST_URLS:
        outsider_client.post(_url(name, keys, ids), PAYLOAD)
        client.post(_url(name, keys, ids), PAYLOAD)
    assert list(CvLine.objects.values_list("text", flat=True)) == ["Rédigé 5 numéros"]
    assert not Profile.objects.exists()
