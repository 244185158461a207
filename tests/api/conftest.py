"""Two organisations, each with a programme, a cohort and interns; tokens of every kind."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from bilan.accounts.models import User
from bilan.api.models import ApiToken
from bilan.api.services import api_token_create
from bilan.schools.models import (
    Cohort,
    DossierStatus,
    Enrolment,
    Membership,
    Organisation,
    Programme,
)
from bilan.schools.services import enrolment_link
from tests.conftest import make_user


@dataclass
class School:
    organisation: Organisation
    admin: User
    programme: Programme
    cohort: Cohort
    read: str  # token secrets
    write: str


def school_make(name: str, prefix: str) -> School:
    organisation = Organisation.objects.create(name=name, contact_email=f"{prefix}@example.org")
    admin = make_user(f"admin.{prefix}@example.org", first_name="Ada", last_name=prefix)
    Membership.objects.create(organisation=organisation, user=admin, role=Membership.Role.ADMIN)
    programme = Programme.objects.create(organisation=organisation, name=f"BUT {name}")
    cohort = Cohort.objects.create(
        programme=programme, name=f"{name} 2026", year=2026, join_code=f"{prefix.upper()}2026"
    )
    _t, read = api_token_create(
        organisation=organisation, name="Lecture", scope="read", created_by=admin
    )
    _t, write = api_token_create(
        organisation=organisation, name="Apogée", scope="write", created_by=admin
    )
    return School(organisation, admin, programme, cohort, read, write)


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def school(db) -> School:
    return school_make("IUT Lumière", "lumiere")


@pytest.fixture
def other(db) -> School:
    return school_make("École Rivale", "rivale")


@pytest.fixture
def enrolled(school, dossier) -> Enrolment:
    """Camille, who joined and whose dossier has a status."""
    enrolment = Enrolment.objects.create(
        cohort=school.cohort,
        email="camille@example.org",
        first_name="Camille",
        last_name="Moreau",
        invited_at=timezone.now(),
    )
    enrolment_link(enrolment, dossier)
    # Linking computes the status; these figures stand for a dossier well under way.
    DossierStatus.objects.update_or_create(
        dossier=dossier,
        defaults={
            "readiness": 60,
            "objectives_total": 5,
            "objectives_reviewed": 3,
            "feedback_requested": 4,
            "feedback_answered": 2,
            "tutor_evaluation_received": True,
            "meeting_at": timezone.now() + dt.timedelta(days=10),
        },
    )
    enrolment.refresh_from_db()
    return enrolment


@pytest.fixture
def invited(school) -> Enrolment:
    """Lou, invited, not joined yet."""
    return Enrolment.objects.create(
        cohort=school.cohort,
        email="lou@example.org",
        first_name="Lou",
        last_name="Bernard",
        invited_at=timezone.now(),
    )


@pytest.fixture
def rival_enrolment(other) -> Enrolment:
    return Enrolment.objects.create(
        cohort=other.cohort, email="rival@example.org", first_name="Rémi", last_name="Rival"
    )


def bearer(secret: str, **headers: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}", **headers}


@pytest.fixture
def api(client: Client):
    """GET/POST/DELETE helpers that take the token secret."""

    class Api:
        def get(self, path: str, secret: str | None, **extra):
            headers = bearer(secret) if secret else {}
            return client.get("/api/v1" + path, **headers, **extra)

        def post(self, path: str, secret: str | None, body: object, **extra):
            headers = bearer(secret) if secret else {}
            return client.post(
                "/api/v1" + path, body, content_type="application/json", **headers, **extra
            )

        def delete(self, path: str, secret: str | None, **extra):
            headers = bearer(secret) if secret else {}
            return client.delete("/api/v1" + path, **headers, **extra)

    return Api()


def token_of(secret: str) -> ApiToken:
    from bilan.api.services import api_token_resolve

    return api_token_resolve(secret)
