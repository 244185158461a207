"""Writes of the school's own structure: organisations, programmes, cohorts, members.

An organisation is created by any logged-in user, who becomes its first admin. Admins add other
admins and referents by e-mail; a person without an account gets one with no password and an
e-mail (sent by the worker) with a link to choose it.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from bilan.accounts.models import User
from bilan.jobs.services import job_enqueue

from .models import Cohort, Membership, Organisation, Programme

JOB_MEMBER_WELCOME = "schools.member_welcome"

# No 0/O, 1/I/L, 5/S or 2/Z: a code read aloud in class or copied from a slide stays right.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"
JOIN_CODE_LENGTH = 8
_JOIN_CODE_ATTEMPTS = 20


def school_limit(name: str) -> int:
    return int(settings.BILAN_SCHOOL_LIMITS[name])


def join_code_new() -> str:
    """A random code no cohort uses yet (27^8 ≈ 2.8e11 codes: collisions are rare, not ignored)."""
    for _attempt in range(_JOIN_CODE_ATTEMPTS):
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _i in range(JOIN_CODE_LENGTH))
        if not Cohort.objects.filter(join_code=code).exists():
            return code
    raise RuntimeError("No free join code found")  # pragma: no cover — 20 collisions in a row


# --- Organisations ---------------------------------------------------------------------------


@transaction.atomic
def organisation_create(*, user: User, name: str, kind: str) -> Organisation:
    created = Membership.objects.filter(user=user, role=Membership.Role.ADMIN).count()
    if created >= school_limit("organisations_per_user"):
        raise ValidationError(
            _("Vous administrez déjà %(n)d organisations, le maximum.") % {"n": created}
        )
    organisation = Organisation(name=name.strip(), kind=kind)
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(organisation=organisation, user=user, role=Membership.Role.ADMIN)
    return organisation


# --- Programmes and cohorts ------------------------------------------------------------------


def _check_cohort_room(organisation: Organisation) -> None:
    count = Cohort.objects.filter(programme__organisation=organisation).count()
    if count >= school_limit("cohorts_per_organisation"):
        raise ValidationError(
            _("Cette organisation a déjà %(n)d promotions, le maximum.") % {"n": count}
        )


@transaction.atomic
def programme_create(*, organisation: Organisation, name: str, level: str = "") -> Programme:
    if organisation.programmes.count() >= school_limit("programmes_per_organisation"):
        raise ValidationError(_("Cette organisation a atteint le nombre maximal de formations."))
    programme = Programme(organisation=organisation, name=name.strip(), level=level.strip())
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def programme_update(*, programme: Programme, name: str, level: str = "") -> Programme:
    programme.name = name.strip()
    programme.level = level.strip()
    programme.full_clean()
    programme.save(update_fields=["name", "level", "updated_at"])
    return programme


@transaction.atomic
def programme_delete(*, programme: Programme) -> None:
    """Its cohorts and their enrolments go too; the interns keep their dossiers."""
    programme.delete()


@transaction.atomic
def cohort_create(
    *, programme: Programme, name: str, year: int | None = None, join_open: bool = True
) -> Cohort:
    _check_cohort_room(programme.organisation)
    cohort = Cohort(
        programme=programme,
        name=name.strip(),
        year=year,
        join_open=join_open,
        join_code=join_code_new(),
    )
    cohort.full_clean()
    cohort.save()
    return cohort


@transaction.atomic
def cohort_update(
    *, cohort: Cohort, name: str, year: int | None = None, join_open: bool = True
) -> Cohort:
    cohort.name = name.strip()
    cohort.year = year
    cohort.join_open = join_open
    cohort.full_clean()
    cohort.save(update_fields=["name", "year", "join_open", "updated_at"])
    return cohort


def cohort_join_code_regenerate(*, cohort: Cohort) -> str:
    """A new code; the old one stops working at once (e.g. after it leaked outside the class)."""
    # Another cohort may take the same code between the check and the write: try again then.
    for _attempt in range(3):
        cohort.join_code = join_code_new()
        try:
            with transaction.atomic():
                cohort.save(update_fields=["join_code", "updated_at"])
        except IntegrityError:  # pragma: no cover — a race on an 11-digit space
            continue
        return cohort.join_code
    raise RuntimeError("No free join code found")  # pragma: no cover


@transaction.atomic
def cohort_delete(*, cohort: Cohort) -> None:
    """Its enrolments go; the interns keep their dossiers, no longer shared with anyone."""
    cohort.delete()


@transaction.atomic
def cohort_referents_set(*, cohort: Cohort, users: list[User]) -> None:
    """Only the organisation's members may follow its cohorts."""
    organisation_id = cohort.programme.organisation_id
    member_ids = set(
        Membership.objects.filter(organisation_id=organisation_id).values_list("user_id", flat=True)
    )
    if any(user.pk not in member_ids for user in users):
        raise ValidationError(
            _("Seuls les membres de l'organisation peuvent suivre une promotion.")
        )
    cohort.referents.set(users)


# --- Members ---------------------------------------------------------------------------------


def organisation_members(*, organisation: Organisation) -> list[Membership]:
    return list(
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name", "user__email", "id")
    )


@transaction.atomic
def member_add(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    added_by: User,
) -> tuple[Membership, bool]:
    """Add someone by e-mail; returns the membership and whether an account was created.

    A new account has no usable password: the worker e-mails a link to choose one, made with
    Django's password-reset tokens, so the link dies once used or when the password changes.
    """
    if role not in Membership.Role.values:
        raise ValidationError(_("Rôle inconnu."))
    email = email.strip().lower()
    # Locked: two admins adding the same address at once must not both create the account.
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if (
        user is not None
        and Membership.objects.filter(organisation=organisation, user=user, role=role).exists()
    ):
        raise ValidationError(
            _("%(email)s a déjà ce rôle dans cette organisation.") % {"email": email}
        )
    if organisation.memberships.count() >= school_limit("members_per_organisation"):
        raise ValidationError(_("Cette organisation a atteint le nombre maximal de membres."))
    created = user is None
    try:
        # Savepoint: a double submission racing this one ends in a message, not an error page.
        with transaction.atomic():
            if user is None:
                user = User(email=email, first_name=first_name.strip(), last_name=last_name.strip())
                user.set_unusable_password()
                user.full_clean(exclude=["password"])
                user.save()
            membership = Membership.objects.create(organisation=organisation, user=user, role=role)
    except IntegrityError as error:
        raise ValidationError(
            _("%(email)s vient d'être ajouté par ailleurs ; rechargez la page.") % {"email": email}
        ) from error
    if created:
        job_enqueue(
            kind=JOB_MEMBER_WELCOME,
            payload={"membership_id": membership.pk, "added_by": added_by.pk},
        )
    return membership, created


@transaction.atomic
def member_remove(*, membership: Membership) -> None:
    """Never the last admin: an organisation nobody can run would be stranded."""
    organisation = membership.organisation
    if membership.role == Membership.Role.ADMIN:
        admins = (
            Membership.objects.select_for_update()
            .filter(organisation=organisation, role=Membership.Role.ADMIN)
            .count()
        )
        if admins <= 1:
            raise ValidationError(
                _(
                    "C'est le dernier administrateur de l'organisation : "
                    "nommez-en un autre avant de le retirer."
                )
            )
    user_id = membership.user_id
    membership.delete()
    if not Membership.objects.filter(organisation=organisation, user_id=user_id).exists():
        # No longer one of the organisation's people: they stop following its cohorts.
        for cohort in Cohort.objects.filter(
            programme__organisation=organisation, referents__id=user_id
        ):
            cohort.referents.remove(user_id)
