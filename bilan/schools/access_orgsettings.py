"""Access to the organisation's settings objects: only its admins; anyone else gets a 404.

Built on `access.organisation_for_admin`: a grid, criterion or framework is reached only
through the organisation that owns it.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from bilan.accounts.models import User
from bilan.feedback.models import Criterion

from .access import organisation_for_admin
from .models import Organisation, OrganisationFramework, OrganisationGrid


def organisation_grid_for_admin(
    user: User | AnonymousUser, organisation_id: int, link_id: int
) -> tuple[Organisation, OrganisationGrid]:
    organisation = organisation_for_admin(user, organisation_id)
    link = (
        OrganisationGrid.objects.select_related("grid")
        .filter(pk=link_id, organisation=organisation)
        .first()
    )
    if link is None:
        raise Http404
    return organisation, link


def criterion_for_admin(
    user: User | AnonymousUser, organisation_id: int, link_id: int, criterion_id: int
) -> tuple[Organisation, OrganisationGrid, Criterion]:
    organisation, link = organisation_grid_for_admin(user, organisation_id, link_id)
    criterion = Criterion.objects.filter(pk=criterion_id, grid_id=link.grid_id).first()
    if criterion is None:
        raise Http404
    return organisation, link, criterion


def organisation_framework_for_admin(
    user: User | AnonymousUser, organisation_id: int, link_id: int
) -> tuple[Organisation, OrganisationFramework]:
    organisation = organisation_for_admin(user, organisation_id)
    link = (
        OrganisationFramework.objects.select_related("framework")
        .filter(pk=link_id, organisation=organisation)
        .first()
    )
    if link is None:
        raise Http404
    return organisation, link
