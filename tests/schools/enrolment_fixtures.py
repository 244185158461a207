"""Fixtures of the enrolment tests: a school, its programme and cohort, an admin, a referent.

Kept in their own module (star-imported by the enrolment test files) so that they do not
collide with the shared schools conftest.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from bilan.accounts.models import User
from bilan.dossiers import services as dossier_services
from bilan.dossiers.models import Dossier
from bilan.schools.models import Cohort, Membership, Organisation, Programme
from tests.conftest import make_user

__all__ = [
    "CSV_HEADER",
    "admin",
    "admin_client",
    "cohort",
    "csv_bytes",
    "dossier_for",
    "organisation",
    "referent",
    "school_cohort",
]

CSV_HEADER = (
    "email,first_name,last_name,company,service,start,end,tutor_name,tutor_email,referent_email"
)


def csv_bytes(*lines: str, header: str = CSV_HEADER, encoding: str = "utf-8") -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode(encoding)


def dossier_for(user: User, organisation: str, start: dt.date, end: dt.date) -> Dossier:
    return dossier_services.dossier_create(
        owner=user, organisation=organisation, start_date=start, end_date=end
    )


@pytest.fixture
def organisation(db) -> Organisation:
    return Organisation.objects.create(name="IUT Lyon 3", contact_email="scol@iut.example.edu")


@pytest.fixture
def school_cohort(organisation) -> Cohort:
    programme = Programme.objects.create(
        organisation=organisation, name="BUT Information-Communication"
    )
    return Cohort.objects.create(
        programme=programme, name="BUT Info-Com 2e année 2026", year=2026, join_code="K7P2QX"
    )


@pytest.fixture
def cohort(school_cohort) -> Cohort:
    return school_cohort


@pytest.fixture
def admin(organisation) -> User:
    user = make_user("direction@iut.example.edu", first_name="Hélène", last_name="Roux")
    Membership.objects.create(organisation=organisation, user=user, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def referent(organisation) -> User:
    user = make_user("marc.duval@iut.example.edu", first_name="Marc", last_name="Duval")
    Membership.objects.create(organisation=organisation, user=user, role=Membership.Role.REFERENT)
    return user


@pytest.fixture
def admin_client(admin) -> Client:
    client = Client()
    client.force_login(admin)
    return client
