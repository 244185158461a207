"""Who may call: missing, invalid, revoked tokens, scopes, rate limit, last use."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from bilan.api.models import ApiToken
from bilan.api.services import api_token_revoke

from .conftest import token_of


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, "token_missing"),
        ({"HTTP_AUTHORIZATION": "Bearer bilan_nope"}, "token_invalid"),
        ({"HTTP_AUTHORIZATION": "Bearer "}, "token_invalid"),
        ({"HTTP_AUTHORIZATION": "Basic dXNlcjpwYXNz"}, "token_invalid"),
        ({"HTTP_AUTHORIZATION": "Bearer " + "x" * 5000}, "token_invalid"),
    ],
)
def test_no_valid_token_is_401_with_a_stable_code(client, school, headers, code):
    response = client.get("/api/v1/cohorts", **headers)
    assert response.status_code == 401
    assert response.json()["code"] == code
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_revoked_token_is_refused_everywhere(api, school):
    token = token_of(school.write)
    assert api_token_revoke(token=token)
    assert not api_token_revoke(token=token)  # already revoked
    response = api.get("/cohorts", school.write)
    assert response.status_code == 401
    assert response.json()["code"] == "token_revoked"
    assert api.get(f"/cohorts/{school.cohort.pk}", school.write).status_code == 401


def test_messages_follow_accept_language(api, school):
    french = api.get("/cohorts", "bilan_nope", HTTP_ACCEPT_LANGUAGE="fr")
    english = api.get("/cohorts", "bilan_nope", HTTP_ACCEPT_LANGUAGE="en")
    assert french.json() == {
        "code": "token_invalid",
        "message": "Jeton d'API inconnu ou mal formé.",
    }
    assert english.json() == {"code": "token_invalid", "message": "Unknown or malformed API token."}
    assert english["Content-Language"] == "en"


def test_only_the_hash_is_stored(school):
    token = token_of(school.read)
    assert school.read not in token.token_hash
    assert not ApiToken.objects.filter(token_hash=school.read).exists()
    assert len(token.token_hash) == 64


def test_last_use_is_recorded_but_not_at_every_request(api, school, settings):
    settings.BILAN_API_LAST_USED_SECONDS = 60
    token = token_of(school.read)
    assert token.last_used_at is None
    assert api.get("/cohorts", school.read).status_code == 200
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    assert api.get("/cohorts", school.read).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first  # throttled: not rewritten
    # An hour later it is written again.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(hours=1))
    assert api.get("/cohorts", school.read).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first - dt.timedelta(seconds=1)
    assert ApiToken.objects.get(pk=token.pk).last_used_at <= timezone.now()


def test_rate_limit_per_token_answers_429_with_retry_after(api, school, settings):
    settings.BILAN_API_RATE = "3/hour"
    for _ in range(3):
        assert api.get("/cohorts", school.read).status_code == 200
    refused = api.get("/cohorts", school.read, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited"
    retry = int(refused["Retry-After"])
    assert 1 <= retry <= 3600
    assert f"{retry} s" in refused.json()["message"]
    # Another token of the same organisation has its own budget.
    assert api.get("/cohorts", school.write).status_code == 200


def test_a_bad_rate_setting_is_a_configuration_error(api, school, settings):
    from django.core.exceptions import ImproperlyConfigured

    from bilan.api.ratelimit import rate_parse

    assert rate_parse("600/hour") == (600, 3600)
    assert rate_parse("10/minutes") == (10, 60)
    with pytest.raises(ImproperlyConfigured):
        rate_parse("lots")


def test_read_token_cannot_write_and_nothing_changes(api, school, invited):
    response = api.delete(f"/enrolments/{invited.pk}", school.read, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert response.json()["code"] == "scope_insufficient"
    assert invited.__class__.objects.filter(pk=invited.pk).exists()
