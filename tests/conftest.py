"""Shared personas: an intern who owns a dossier, an outsider who must never see it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from bilan.accounts.models import User
from bilan.dossiers import services as dossier_services
from bilan.dossiers.models import Dossier

PASSWORD = "correct-horse-battery-staple"
# The `smtp` fixture: a real SMTP server on loopback, for every test package that sends mail.
pytest_plugins = ["tests.smtp"]


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def make_user(email: str, **extra) -> User:
    return User.objects.create_user(email=email, password=PASSWORD, **extra)


@pytest.fixture
def intern(db) -> User:
    return make_user("camille@example.org", first_name="Camille", last_name="Moreau")


@pytest.fixture
def outsider(db) -> User:
    return make_user("outsider@example.org", first_name="Olivier", last_name="Dehors")


@pytest.fixture
def dossier(intern) -> Dossier:
    return dossier_services.dossier_create(
        owner=intern,
        organisation="Coopérative Terres du Rhône",
        service="Communication",
        location="Lyon",
        kind="stage",
        start_date=dt.date(2026, 4, 6),
        end_date=dt.date(2026, 8, 28),
        mission_text=(
            "- Animer les réseaux sociaux\n- Rédiger la newsletter\n- Réaliser un benchmark"
        ),
    )


@pytest.fixture
def intern_client(intern) -> Client:
    client = Client()
    client.force_login(intern)
    return client


@pytest.fixture
def outsider_client(outsider) -> Client:
    client = Client()
    client.force_login(outsider)
    return client
