"""Creating and revoking tokens: the organisation admin's page and `bilan api-token`."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from bilan.api.models import ApiToken
from bilan.api.services import api_token_resolve
from bilan.schools.models import Membership, Organisation

from .conftest import make_user


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_admin_creates_a_token_shown_once(school, api):
    client = _login(school.admin)
    url = f"/schools/{school.organisation.pk}/api-tokens/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Apogée" in page.content.decode()  # the fixture's tokens are listed
    response = client.post(url, {"name": "ERP stages", "scope": "write"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    secret = response.context["secret"]
    assert secret.startswith("bilan_") and secret in response.content.decode()
    token = api_token_resolve(secret)
    assert (token.name, token.scope, token.organisation, token.created_by) == (
        "ERP stages",
        "write",
        school.organisation,
        school.admin,
    )
    assert api.get("/cohorts", secret).status_code == 200
    # Never again: the list shows names, not secrets.
    assert secret not in client.get(url).content.decode()


def test_bad_input_creates_nothing(school):
    client = _login(school.admin)
    before = ApiToken.objects.count()
    response = client.post(
        f"/schools/{school.organisation.pk}/api-tokens/",
        {"name": "", "scope": "admin"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.context["secret"] is None
    assert ApiToken.objects.count() == before


def test_admin_revokes_a_token(school, api):
    client = _login(school.admin)
    token = api_token_resolve(school.write)
    response = client.post(f"/schools/{school.organisation.pk}/api-tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api.get("/cohorts", school.write).json()["code"] == "token_revoked"
    assert (
        "révoqué le"
        in client.get(f"/schools/{school.organisation.pk}/api-tokens/").content.decode()
    )


def test_others_get_404_and_change_nothing(school, other):
    token = api_token_resolve(school.write)
    referent = make_user("referent@example.org")
    Membership.objects.create(
        organisation=school.organisation, user=referent, role=Membership.Role.REFERENT
    )
    for user in (other.admin, referent):
        client = _login(user)
        base = f"/schools/{school.organisation.pk}/api-tokens/"
        assert client.get(base).status_code == 404
        assert client.post(base, {"name": "x", "scope": "write"}).status_code == 404
        assert client.post(f"{base}{token.pk}/revoke/").status_code == 404
    # The other admin cannot revoke our token through their own organisation's page either.
    client = _login(other.admin)
    assert (
        client.post(f"/schools/{other.organisation.pk}/api-tokens/{token.pk}/revoke/").status_code
        == 404
    )
    token.refresh_from_db()
    assert token.revoked_at is None
    assert ApiToken.objects.filter(organisation=school.organisation).count() == 2
    assert Client().get(f"/schools/{school.organisation.pk}/api-tokens/").status_code == 302


def test_english_page(school):
    school.admin.language = "en"
    school.admin.save()
    page = _login(school.admin).get(f"/schools/{school.organisation.pk}/api-tokens/")
    assert "Create a token" in page.content.decode()


def test_command_creates_and_revokes(school, capsys, api):
    call_command("api_token", "create", school.admin.email, "--scope", "write", "--name", "Pegase")
    secret = capsys.readouterr().out.strip()
    token = api_token_resolve(secret)
    assert (token.name, token.scope, token.organisation) == ("Pegase", "write", school.organisation)
    call_command("api_token", "revoke", str(token.pk))
    assert "revoked" in capsys.readouterr().out
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api.get("/cohorts", secret).status_code == 401


def test_command_needs_an_admin_and_one_organisation(school, other, capsys):
    with pytest.raises(CommandError, match="No account"):
        call_command("api_token", "create", "nobody@example.org")
    stranger = make_user("stranger@example.org")
    with pytest.raises(CommandError, match="not an admin"):
        call_command("api_token", "create", stranger.email)
    second = Organisation.objects.create(name="Deuxième")
    Membership.objects.create(organisation=second, user=school.admin, role=Membership.Role.ADMIN)
    before = ApiToken.objects.count()
    with pytest.raises(CommandError, match="--organisation"):
        call_command("api_token", "create", school.admin.email)
    # Not theirs: refused too.
    with pytest.raises(CommandError, match="not an admin"):
        call_command(
            "api_token", "create", school.admin.email, "--organisation", str(other.organisation.pk)
        )
    assert ApiToken.objects.count() == before
    call_command("api_token", "create", school.admin.email, "--organisation", str(second.pk))
    token = api_token_resolve(capsys.readouterr().out.strip())
    assert token.organisation == second and token.scope == "read"
    with pytest.raises(CommandError, match="No API token"):
        call_command("api_token", "revoke", "9999")
