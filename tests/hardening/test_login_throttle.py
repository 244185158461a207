"""Failed logins are limited per client address and per account, with a clear message."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, make_user


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.BILAN_LOGIN_RATE_LIMIT_ACCOUNT = 3
    settings.BILAN_LOGIN_RATE_LIMIT_IP = 5
    settings.BILAN_LOGIN_RATE_WINDOW = 600
    cache.clear()
    yield
    cache.clear()


def login(client: Client, email: str, password: str, address: str = "198.51.100.7"):
    return client.post(
        reverse("accounts:login"),
        {"username": email, "password": password},
        REMOTE_ADDR=address,
    )


def test_an_account_is_locked_after_the_limit_even_for_the_right_password(intern):
    client = Client()
    for _ in range(3):
        response = login(client, intern.email, "wrong-password")
        assert response.status_code == 200
    # From another address too: the account itself is protected.
    response = login(client, intern.email, PASSWORD, address="203.0.113.9")
    assert response.status_code == 429
    assert "Trop de tentatives de connexion ont échoué" in response.content.decode()
    assert "10 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account from the first address still logs in.
    other = make_user("noe@example.org")
    assert login(Client(), other.email, PASSWORD).status_code == 302


def test_an_address_is_locked_after_the_limit_across_accounts(db):
    users = [make_user(f"user{i}@example.org") for i in range(3)]
    client = Client()
    for i in range(5):
        assert login(client, users[i % 2].email, "wrong-password").status_code == 200
    response = login(client, users[2].email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert login(Client(), users[2].email, PASSWORD, address="192.0.2.44").status_code == 302


def test_a_success_clears_the_account_count(intern):
    client = Client()
    for _ in range(2):
        login(client, intern.email, "wrong-password")
    assert login(client, intern.email, PASSWORD).status_code == 302
    client = Client()
    for _ in range(2):
        assert login(client, intern.email, "wrong-password").status_code == 200
    assert login(client, intern.email, PASSWORD).status_code == 302


def test_the_message_in_english(intern):
    client = Client()
    for _ in range(3):
        login(client, intern.email, "wrong-password")
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("accounts:login"),
        {"username": intern.email, "password": PASSWORD},
        REMOTE_ADDR="198.51.100.7",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode()
