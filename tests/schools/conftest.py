"""School personas, built with the services as the web builds them; reusable by any school test.

One organisation (IUT Lumière) with two cohorts of one programme: the intern of the shared
`dossier` fixture is enrolled in `cohort`; another intern in `other_cohort`. Staff:
`school_admin` runs the organisation, `referent` follows `cohort`, `other_referent` follows
`other_cohort` only, `other_admin` runs another organisation. Plus outsiders holding a personal
link (tutor, colleague) and anonymous visitors. `persona_client(name)` logs the persona in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from bilan.accounts.models import User
from bilan.dossiers import services as dossier_services
from bilan.dossiers.models import Dossier
from bilan.feedback import services as feedback_services
from bilan.feedback.models import FeedbackRequest
from bilan.jobs.services import jobs_run_pending
from bilan.schools import organisations
from bilan.schools.models import Cohort, Enrolment, Membership, Organisation, Programme
from bilan.schools.services import enrolment_link
from tests.conftest import make_user

LINK = re.compile(r"/f/([A-Za-z0-9_-]{43})/")


def enrol(cohort: Cohort, dossier: Dossier) -> Enrolment:
    owner = dossier.owner
    enrolment = Enrolment.objects.create(
        cohort=cohort,
        email=owner.email,
        first_name=owner.first_name,
        last_name=owner.last_name,
    )
    return enrolment_link(enrolment, dossier)


@dataclass
class School:
    organisation: Organisation
    programme: Programme
    cohort: Cohort
    other_cohort: Cohort
    enrolment: Enrolment
    other_enrolment: Enrolment
    other_organisation: Organisation
    foreign_cohort: Cohort


@pytest.fixture
def school_admin(db) -> User:
    return make_user("direction@iut.example.org", first_name="Nadia", last_name="Benali")


@pytest.fixture
def referent(db) -> User:
    return make_user("referent@iut.example.org", first_name="Paul", last_name="Girard")


@pytest.fixture
def other_referent(db) -> User:
    return make_user("autre.referent@iut.example.org", first_name="Léa", last_name="Roux")


@pytest.fixture
def other_admin(db) -> User:
    return make_user("admin@autre-ecole.example.org", first_name="Marc", last_name="Petit")


@pytest.fixture
def other_intern(db) -> User:
    return make_user("yanis@example.org", first_name="Yanis", last_name="Martin")


@pytest.fixture
def other_dossier(other_intern) -> Dossier:
    return dossier_services.dossier_create(
        owner=other_intern,
        organisation="Mairie de Villeurbanne",
        service="Culture",
        kind="stage",
        start_date=dt.date(2026, 4, 6),
        end_date=dt.date(2026, 6, 26),
    )


@pytest.fixture
def school(dossier, other_dossier, school_admin, referent, other_referent, other_admin) -> School:
    organisation = organisations.organisation_create(
        user=school_admin, name="IUT Lumière", kind=Organisation.Kind.UNIVERSITY
    )
    programme = organisations.programme_create(
        organisation=organisation, name="BUT Information-Communication", level="BUT 2"
    )
    cohort = organisations.cohort_create(programme=programme, name="Info-Com 2026", year=2026)
    other_cohort = organisations.cohort_create(
        programme=programme, name="Info-Com alternance 2026", year=2026
    )
    for user in (referent, other_referent):
        organisations.member_add(
            organisation=organisation,
            email=user.email,
            role=Membership.Role.REFERENT,
            added_by=school_admin,
        )
    organisations.cohort_referents_set(cohort=cohort, users=[referent])
    organisations.cohort_referents_set(cohort=other_cohort, users=[other_referent])
    other_organisation = organisations.organisation_create(
        user=other_admin, name="École Autre", kind=Organisation.Kind.SCHOOL
    )
    foreign_programme = organisations.programme_create(
        organisation=other_organisation, name="Bachelor"
    )
    foreign_cohort = organisations.cohort_create(programme=foreign_programme, name="Bachelor 3")
    return School(
        organisation=organisation,
        programme=programme,
        cohort=cohort,
        other_cohort=other_cohort,
        enrolment=enrol(cohort, dossier),
        other_enrolment=enrol(other_cohort, other_dossier),
        other_organisation=other_organisation,
        foreign_cohort=foreign_cohort,
    )


def _link_client(dossier: Dossier, relationship: str, name: str, email: str) -> Client:
    """A visitor who opened their personal feedback link (no account, no login)."""
    feedback_services.feedback_request_create(
        dossier=dossier, name=name, email=email, relationship=relationship
    )
    jobs_run_pending()
    match = LINK.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    client = Client()
    assert client.get(reverse("feedback_public:notice", args=[match.group(1)])).status_code == 200
    return client


PERSONAS = (
    "intern",
    "other_intern",
    "tutor_link",
    "colleague_link",
    "referent",
    "other_referent",
    "school_admin",
    "other_admin",
    "anonymous",
)


@pytest.fixture
def persona_client(request, school, dossier) -> Callable[[str], Client]:
    """`persona_client("referent")`: a client as that persona (see PERSONAS)."""

    def make(name: str) -> Client:
        if name == "anonymous":
            return Client()
        if name == "tutor_link":
            return _link_client(
                dossier, FeedbackRequest.Relationship.TUTOR, "Sophie Laurent", "sophie@example.org"
            )
        if name == "colleague_link":
            return _link_client(
                dossier, FeedbackRequest.Relationship.COLLEAGUE, "Jean Morel", "jean@example.org"
            )
        user = request.getfixturevalue(name)
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def school_admin_client(school, school_admin) -> Client:
    client = Client()
    client.force_login(school_admin)
    return client


@pytest.fixture
def referent_client(school, referent) -> Client:
    client = Client()
    client.force_login(referent)
    return client
