"""Writes of the schools domain that several entry points share (web, command line, API)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from bilan.accounts.models import User
from bilan.dossiers.models import Dossier
from bilan.feedback.services import round_update
from bilan.skills.models import DossierFramework

from .models import Cohort, Enrolment, OrganisationFramework, OrganisationGrid


def organisation_defaults_apply(dossier: Dossier, enrolment: Enrolment) -> None:
    """Give a newly linked dossier its organisation's tutor grid and skills frameworks.

    Only fills what the intern has not chosen: an existing choice of frameworks is kept.
    """
    organisation_id = enrolment.cohort.programme.organisation_id
    grid_link = (
        OrganisationGrid.objects.select_related("grid")
        .filter(organisation_id=organisation_id, is_default=True)
        .first()
    )
    if grid_link is not None:
        round_update(dossier=dossier, grid=grid_link.grid, scale=grid_link.grid.scale)
    framework_ids = list(
        OrganisationFramework.objects.filter(organisation_id=organisation_id).values_list(
            "framework_id", flat=True
        )
    )
    if framework_ids and not DossierFramework.objects.filter(dossier=dossier).exists():
        DossierFramework.objects.bulk_create(
            DossierFramework(dossier=dossier, framework_id=framework_id)
            for framework_id in framework_ids
        )


def enrolment_for_dossier(
    *, cohort: Cohort, user: User, dossier: Dossier, referent: User | None = None
) -> Enrolment:
    """A new enrolment of ``user`` in ``cohort`` carrying the dossier's internship details
    (joining with a code, the demo): what a CSV row would have said."""
    return Enrolment.objects.create(
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


@transaction.atomic
def enrolment_link(enrolment: Enrolment, dossier: Dossier) -> Enrolment:
    """Attach the intern's dossier to their enrolment (never a second dossier for one)."""
    enrolment.dossier = dossier
    enrolment.user = dossier.owner
    enrolment.joined_at = enrolment.joined_at or timezone.now()
    enrolment.save(update_fields=["dossier", "user", "joined_at", "updated_at"])
    organisation_defaults_apply(dossier, enrolment)
    return enrolment
