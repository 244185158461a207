"""The only way views reach the school's objects: anything outside the user's reach is a 404.

Admins of an organisation reach all of its cohorts; a referent reaches the cohorts they are
named on. Nobody from the school reaches a dossier except through an enrolment, and only what
the intern shares (see `sharing.py`). Every staff access to a dossier is logged for the intern.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from bilan.accounts.models import User

from .models import AccessLog, Cohort, Enrolment, Membership, Organisation


@dataclass(frozen=True)
class StaffCohort:
    cohort: Cohort
    role: str  # Membership.Role value: the strongest the user holds for this cohort


def _authenticated(user: User | AnonymousUser) -> User:
    if not user.is_authenticated:
        raise Http404
    assert isinstance(user, User)
    return user


def admin_organisations(user: User | AnonymousUser) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.ADMIN
    ).distinct()


def staff_cohorts(user: User | AnonymousUser) -> QuerySet[Cohort]:
    """Every cohort the user follows as a referent or runs as an admin of its organisation."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    return (
        Cohort.objects.filter(
            Q(referents=user)
            | Q(
                programme__organisation__memberships__user=user,
                programme__organisation__memberships__role=Membership.Role.ADMIN,
            )
        )
        .select_related("programme__organisation")
        .distinct()
    )


def organisation_for_admin(user: User | AnonymousUser, organisation_id: int) -> Organisation:
    user = _authenticated(user)
    organisation = admin_organisations(user).filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    return organisation


def cohort_for_staff(user: User | AnonymousUser, cohort_id: int) -> StaffCohort:
    user = _authenticated(user)
    cohort = staff_cohorts(user).filter(pk=cohort_id).first()
    if cohort is None:
        raise Http404
    is_admin = Membership.objects.filter(
        organisation_id=cohort.programme.organisation_id,
        user=user,
        role=Membership.Role.ADMIN,
    ).exists()
    return StaffCohort(cohort, Membership.Role.ADMIN if is_admin else Membership.Role.REFERENT)


def cohort_for_admin(user: User | AnonymousUser, cohort_id: int) -> Cohort:
    staff = cohort_for_staff(user, cohort_id)
    if staff.role != Membership.Role.ADMIN:
        raise Http404
    return staff.cohort


def enrolment_for_staff(
    user: User | AnonymousUser, cohort_id: int, enrolment_id: int
) -> tuple[Enrolment, str]:
    """An enrolment of a cohort the user follows, with the user's role for it."""
    staff = cohort_for_staff(user, cohort_id)
    enrolment = (
        Enrolment.objects.select_related("cohort__programme__organisation", "dossier", "user")
        .filter(pk=enrolment_id, cohort=staff.cohort)
        .first()
    )
    if enrolment is None:
        raise Http404
    return enrolment, staff.role


def enrolment_for_intern(user: User | AnonymousUser, dossier_id: int) -> Enrolment:
    """The enrolment of one of the user's own dossiers (404 if not enrolled or not theirs)."""
    user = _authenticated(user)
    enrolment = (
        Enrolment.objects.select_related("cohort__programme__organisation", "dossier")
        .filter(dossier_id=dossier_id, dossier__owner=user)
        .first()
    )
    if enrolment is None:
        raise Http404
    return enrolment


def log_access(enrolment: Enrolment, user: User, role: str, what: str) -> None:
    """Record that school staff opened part of the dossier; the intern sees the log."""
    if enrolment.dossier_id is None:
        return
    AccessLog.objects.create(
        dossier_id=enrolment.dossier_id,
        actor=user,
        actor_label=f"{user.get_full_name() or user.email} <{user.email}>",
        role=role,
        what=what,
    )
