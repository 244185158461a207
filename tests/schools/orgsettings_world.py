"""A small school for the orgsettings and attestation tests: built here, used by those tests only.

An IUT (organisation) with an admin, a referent on one cohort, the intern Camille enrolled with
her dossier, and a second organisation whose admin must see nothing of the first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.test import Client

from bilan.accounts.models import User
from bilan.dossiers import services as dossier_services
from bilan.dossiers.models import Dossier
from bilan.schools.models import Cohort, Enrolment, Membership, Organisation, Programme
from bilan.schools.services import enrolment_link

PASSWORD = "correct-horse-battery-staple"


@dataclass
class School:
    organisation: Organisation
    other_organisation: Organisation
    admin: User
    other_admin: User
    referent: User
    cohort: Cohort
    enrolment: Enrolment
    intern: User
    dossier: Dossier


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_user(email: str, **extra: str) -> User:
    return User.objects.create_user(email=email, password=PASSWORD, **extra)


def enrol(cohort: Cohort, dossier: Dossier, *, first: str = "", last: str = "") -> Enrolment:
    enrolment = Enrolment.objects.create(
        cohort=cohort, email=dossier.owner.email, first_name=first, last_name=last
    )
    return enrolment_link(enrolment, dossier)


def make_dossier(owner: User, **extra: object) -> Dossier:
    values: dict[str, object] = {
        "organisation": "Coopérative Terres du Rhône",
        "service": "Communication",
        "location": "Lyon",
        "kind": "stage",
        "start_date": dt.date(2026, 4, 6),
        "end_date": dt.date(2026, 8, 28),
        "tutor_name": "Jean Morel",
        "tutor_role": "Responsable communication",
    }
    values.update(extra)
    return dossier_services.dossier_create(owner=owner, **values)


def build_school() -> School:
    organisation = Organisation.objects.create(
        name="IUT Lumière",
        kind=Organisation.Kind.UNIVERSITY,
        address="160 cours Albert-Thomas\n69008 Lyon",
        contact_email="stages@iut.example.org",
        signatory_name="Claire Fontaine",
        signatory_role="Directrice des études",
    )
    other = Organisation.objects.create(name="École du Nord")
    admin = make_user("admin@iut.example.org", first_name="Alice", last_name="Admin")
    other_admin = make_user("admin@nord.example.org", first_name="Nadia", last_name="Nord")
    referent = make_user("referent@iut.example.org", first_name="Rémi", last_name="Référent")
    Membership.objects.create(organisation=organisation, user=admin, role=Membership.Role.ADMIN)
    Membership.objects.create(organisation=other, user=other_admin, role=Membership.Role.ADMIN)
    Membership.objects.create(
        organisation=organisation, user=referent, role=Membership.Role.REFERENT
    )
    programme = Programme.objects.create(
        organisation=organisation, name="BUT Information-Communication"
    )
    cohort = Cohort.objects.create(
        programme=programme, name="BUT Info-Com 2026", year=2026, join_code="IUT2026"
    )
    cohort.referents.add(referent)
    intern = make_user("camille@example.org", first_name="Camille", last_name="Moreau")
    dossier = make_dossier(intern)
    enrolment = enrol(cohort, dossier, first="Camille", last="Moreau")
    return School(
        organisation=organisation,
        other_organisation=other,
        admin=admin,
        other_admin=other_admin,
        referent=referent,
        cohort=cohort,
        enrolment=enrolment,
        intern=intern,
        dossier=dossier,
    )
