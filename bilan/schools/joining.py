"""Joining a cohort with its code: the intern links one of their dossiers (or a new one)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from bilan.accounts.models import User
from bilan.dossiers import services as dossier_services
from bilan.dossiers.models import Dossier

from .models import Cohort, Enrolment
from .services import enrolment_link


class JoinRefused(ValidationError):
    """The code opens no cohort the user may join; the message says why."""


def cohort_for_code(code: str) -> Cohort:
    """The cohort whose code this is (spaces and case ignored), open to joining."""
    cleaned = "".join(code.split())
    cohort = None
    if cleaned:
        cohorts = Cohort.objects.select_related("programme__organisation")
        cohort = (
            cohorts.filter(join_code=cleaned).first()
            or cohorts.filter(join_code__iexact=cleaned).first()
        )
    if cohort is None:
        raise JoinRefused(
            _("Aucune promotion ne correspond à ce code. Vérifiez-le auprès de votre école."),
            code="unknown",
        )
    if not cohort.join_open:
        raise JoinRefused(
            _(
                "Les inscriptions par code sont fermées pour « %(cohort)s ». Demandez à votre "
                "école de vous inscrire."
            )
            % {"cohort": cohort.name},
            code="closed",
        )
    return cohort


def cohort_enrolment_of(cohort: Cohort, user: User) -> Enrolment | None:
    """The user's enrolment in the cohort, by account or by e-mail address."""
    return (
        cohort.enrolments.filter(Q(user=user) | Q(email__iexact=user.email))
        .order_by("-dossier_id")
        .first()
    )


def joinable_dossiers(user: User) -> QuerySet[Dossier]:
    """The user's dossiers not enrolled in any cohort yet."""
    return user.dossiers.filter(enrolment__isnull=True)


@transaction.atomic
def cohort_join(
    *,
    cohort: Cohort,
    user: User,
    dossier: Dossier | None = None,
    new_dossier: dict[str, object] | None = None,
) -> Enrolment:
    """Enrol the user with one of their dossiers, or with a dossier created here."""
    cohort = (
        Cohort.objects.select_for_update(of=("self",))
        .select_related("programme__organisation")
        .get(pk=cohort.pk)
    )
    if not cohort.join_open:
        raise JoinRefused(_("Les inscriptions par code sont fermées pour cette promotion."))
    enrolment = cohort_enrolment_of(cohort, user)
    if enrolment is not None and enrolment.dossier_id is not None:
        raise JoinRefused(
            _("Vous êtes déjà inscrit dans la promotion « %(cohort)s ».") % {"cohort": cohort.name},
            code="already",
        )
    if dossier is not None:
        if dossier.owner_id != user.pk:
            raise JoinRefused(_("Choisissez un de vos dossiers."))
        if Enrolment.objects.filter(dossier=dossier).exists():
            raise JoinRefused(_("Ce dossier est déjà inscrit dans une promotion."))
    else:
        data = dict(new_dossier or {})
        data.setdefault("school", cohort.programme.organisation.name)
        data.setdefault("programme", cohort.programme.name)
        data.setdefault("language", user.language or cohort.programme.organisation.default_language)
        dossier = dossier_services.dossier_create(owner=user, **data)
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
        )
    enrolment_link(enrolment, dossier)
    if enrolment.invitation_token_hash:
        enrolment.invitation_token_hash = None
        enrolment.save(update_fields=["invitation_token_hash", "updated_at"])
    return enrolment
