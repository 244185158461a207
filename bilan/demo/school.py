"""The demo school: an organisation, a programme and a cohort holding the demo intern's dossier,
with a referent who can log in to follow it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from bilan.accounts.models import User
from bilan.dossiers.models import Dossier
from bilan.schools.models import Cohort, Enrolment, Membership, Organisation, Programme
from bilan.schools.services import enrolment_link

from . import content

REFERENT_EMAIL = "referent@bilan.local"
REFERENT = {"first_name": "Marc", "last_name": "Duval"}
ORGANISATION = "IUT Lyon 3 (démo)"
PROGRAMME = "BUT Information-Communication"
COHORT = "BUT Info-Com 2e année 2026"
JOIN_CODE = "DEMO2026"


@dataclass
class DemoSchool:
    organisation: Organisation
    cohort: Cohort
    referent: User
    enrolment: Enrolment


@transaction.atomic
def demo_school_load(*, user: User, dossier: Dossier) -> DemoSchool:
    """Idempotent: each object is found by its name before being created."""
    organisation = Organisation.objects.filter(name=ORGANISATION).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            name=ORGANISATION,
            contact_email=REFERENT_EMAIL,
            signatory_name="Marc Duval",
            signatory_role="Responsable des stages",
        )
    programme, _ = Programme.objects.get_or_create(
        organisation=organisation, name=PROGRAMME, defaults={"level": "BUT 2"}
    )
    cohort = Cohort.objects.filter(programme=programme, name=COHORT).first()
    if cohort is None:
        cohort = Cohort.objects.create(
            programme=programme, name=COHORT, year=2026, join_code=JOIN_CODE
        )
    referent = User.objects.filter(email=REFERENT_EMAIL).first()
    if referent is None:
        referent = User.objects.create_user(
            email=REFERENT_EMAIL, password=content.DEMO_PASSWORD, language="fr", **REFERENT
        )
    Membership.objects.get_or_create(
        organisation=organisation, user=referent, role=Membership.Role.REFERENT
    )
    cohort.referents.add(referent)
    enrolment = cohort.enrolments.filter(email__iexact=user.email).first()
    if enrolment is None:
        enrolment = Enrolment.objects.create(
            cohort=cohort,
            email=user.email,
            first_name=user.first_name,
            last_name=user.last_name,
            company=dossier.organisation,
            service=dossier.service,
            start_date=dossier.start_date,
            end_date=dossier.end_date,
            tutor_name=dossier.tutor_name,
            tutor_email=dossier.tutor_email,
            referent=referent,
        )
    if enrolment.dossier_id is None and not Enrolment.objects.filter(dossier=dossier).exists():
        enrolment_link(enrolment, dossier)
    return DemoSchool(
        organisation=organisation, cohort=cohort, referent=referent, enrolment=enrolment
    )
