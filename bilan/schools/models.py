"""Organisations (a school, a department, a company's HR), their cohorts and enrolled interns.

The intern still owns the dossier: an enrolment links it to a cohort and records what the
intern shares with the school. Lower apps know nothing of this one; what the school needs from
them is read here or kept up to date in `DossierStatus`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from bilan.dossiers.models import Dossier

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


class Organisation(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("École")
        UNIVERSITY = "university", _("Université ou département")
        COMPANY = "company", _("Entreprise (ressources humaines)")

    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, default=Kind.SCHOOL)
    # The attestation de stage and the e-mails sent on the organisation's behalf use these.
    address = models.TextField(_("adresse"), blank=True)
    contact_email = models.EmailField(_("e-mail de contact"), blank=True)
    signatory_name = models.CharField(_("nom du signataire"), max_length=200, blank=True)
    signatory_role = models.CharField(_("fonction du signataire"), max_length=200, blank=True)
    default_language = models.CharField(
        _("langue par défaut"), max_length=8, choices=settings.LANGUAGES, default="fr"
    )
    # Empty: the instance's default (settings.BILAN_RETENTION_DAYS).
    retention_days = models.PositiveIntegerField(
        _("durée de conservation (jours)"), null=True, blank=True
    )

    class RaterAnswerPolicy(models.TextChoices):
        ANONYMISE = "anonymise", _("Anonymiser (garder les notes, effacer nom, e-mail et textes)")
        DELETE = "delete", _("Supprimer la réponse")

    # When a rater erases their account, what becomes of their answers on this organisation's
    # dossiers (bilan/privacy). Empty: the instance's default (settings.BILAN_RATER_ANSWER_POLICY).
    rater_answer_policy = models.CharField(
        _("réponses d'un évaluateur qui supprime son compte"),
        max_length=16,
        choices=RaterAnswerPolicy.choices,
        blank=True,
    )
    # Reminder policy for feedback requests sent from this organisation's dossiers.
    reminder_after_days = models.PositiveSmallIntegerField(
        _("relance après (jours)"), null=True, blank=True
    )
    reminder_max = models.PositiveSmallIntegerField(_("nombre de relances"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        programmes: RelatedManager[Programme]
        memberships: RelatedManager[Membership]

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A staff member of an organisation: an admin runs it, a referent follows interns."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrateur")
        REFERENT = "referent", _("Référent pédagogique")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rôle"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class Programme(models.Model):
    """A course of study, e.g. "BUT Information-Communication"."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="programmes"
    )
    name = models.CharField(_("nom"), max_length=200)
    level = models.CharField(_("niveau"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The API's incremental sync orders and filters every object by its last change.
    updated_at = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        cohorts: RelatedManager[Cohort]

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("formation")
        verbose_name_plural = _("formations")

    def __str__(self) -> str:
        return self.name


class Cohort(models.Model):
    """A group of interns followed together, e.g. "BUT Info-Com 2e année 2026"."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(_("nom"), max_length=200)
    year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)
    # Interns can join with this code; unique across the instance, regenerable by an admin.
    join_code = models.CharField(_("code d'inscription"), max_length=16, unique=True)
    join_open = models.BooleanField(_("inscription par code ouverte"), default=True)
    referents = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="referent_cohorts",
        verbose_name=_("référents"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        enrolments: RelatedManager[Enrolment]

    class Meta:
        ordering = ["-year", "name", "id"]
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")

    def __str__(self) -> str:
        return self.name

    @property
    def organisation(self) -> Organisation:
        return self.programme.organisation


def enrolment_name_order() -> tuple[Lower, Lower, Lower]:
    """How the cohort dashboard sorts interns by name (an intern imported without a name comes
    first, by e-mail address). One definition for the query and for the index that serves it:
    no parameter in it, or SQLite would not match the index."""
    return (Lower("last_name"), Lower("first_name"), Lower("email"))


class Enrolment(models.Model):
    """An intern in a cohort: invited by e-mail (or joined with the code), then linked to a dossier.

    The sharing flags are the intern's decision. By default the school sees the context, the
    plan-versus-done statuses, readiness, feedback requested and answered, the meeting date and
    the synthesis once submitted; nothing else until the intern shares it.
    """

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrolments")
    email = models.EmailField(_("e-mail"))
    first_name = models.CharField(_("prénom"), max_length=150, blank=True)
    last_name = models.CharField(_("nom"), max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
    )
    dossier = models.OneToOneField(
        Dossier, on_delete=models.SET_NULL, null=True, blank=True, related_name="enrolment"
    )
    # The referent named for this intern (CSV column); empty: every referent of the cohort.
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_enrolments",
    )
    # The internship as the school's file gave it: the intern's dossier is created from these
    # when they accept the invitation (an intern who already has an account gets it at import).
    company = models.CharField(_("entreprise"), max_length=200, blank=True)
    service = models.CharField(_("service"), max_length=200, blank=True)
    start_date = models.DateField(_("date de début"), null=True, blank=True)
    end_date = models.DateField(_("date de fin"), null=True, blank=True)
    tutor_name = models.CharField(_("nom du tuteur"), max_length=200, blank=True)
    tutor_email = models.EmailField(_("e-mail du tuteur"), blank=True)

    invitation_token_hash = models.CharField(  # noqa: DJ001 — NULL keeps it unique when unset
        max_length=64, unique=True, null=True, blank=True
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(null=True, blank=True)

    share_tutor_evaluation = models.BooleanField(_("l'évaluation de mon tuteur"), default=False)
    share_journal = models.BooleanField(_("mon journal de bord"), default=False)
    share_traces = models.BooleanField(_("mes traces"), default=False)
    share_feelings = models.BooleanField(_("mon ressenti"), default=False)
    share_drafts = models.BooleanField(_("mes brouillons de synthèse"), default=False)

    # The synthesis version the intern handed in; the school reads this one, not later drafts.
    submitted_version = models.ForeignKey(
        "synthesis.SynthesisVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        constraints = [
            models.UniqueConstraint(
                "cohort", Lower("email"), name="enrolment_unique_email_per_cohort"
            )
        ]
        indexes = [
            # The cohort dashboard's default order: its first page reads 50 entries of this
            # index instead of sorting the whole cohort.
            models.Index(
                models.F("cohort"),
                *enrolment_name_order(),
                models.F("id"),
                name="enrolment_cohort_name",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p) or self.email


class DossierStatus(models.Model):
    """What the cohort dashboard shows of a dossier, kept up to date as the dossier changes.

    Denormalised on purpose: the dashboard filters and sorts thousands of interns in one
    query, which computing readiness per dossier could not do.
    """

    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, primary_key=True, related_name="school_status"
    )
    readiness = models.PositiveSmallIntegerField(default=0)  # percent of the checklist
    objectives_total = models.PositiveSmallIntegerField(default=0)
    objectives_reviewed = models.PositiveSmallIntegerField(default=0)
    feedback_requested = models.PositiveSmallIntegerField(default=0)
    feedback_answered = models.PositiveSmallIntegerField(default=0)
    tutor_evaluation_received = models.BooleanField(default=False)
    meeting_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["readiness"], name="status_readiness"),
            models.Index(fields=["last_activity_at"], name="status_last_activity"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.readiness} %"


class AccessLog(models.Model):
    """Every time school staff open something of a dossier; the intern reads this log."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="access_logs")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_label = models.CharField(max_length=300)  # kept if the account is deleted
    role = models.CharField(max_length=16, choices=Membership.Role.choices)
    what = models.CharField(max_length=64)  # a key such as "overview", "synthesis", "journal"
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["dossier", "-at"], name="accesslog_dossier_at")]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.what} {self.at:%Y-%m-%d}"


class OrganisationGrid(models.Model):
    """A tutor evaluation grid the organisation owns; the default one goes to its interns."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="grids")
    grid = models.OneToOneField("feedback.Grid", on_delete=models.CASCADE, related_name="+")
    is_default = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(is_default=True),
                name="one_default_grid_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.grid_id}"


class OrganisationFramework(models.Model):
    """A skills framework owned by the organisation (e.g. its RNCP blocs) given to its interns."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="frameworks"
    )
    framework = models.OneToOneField("skills.Framework", on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.framework_id}"


# The attestation de stage lives in its own module; imported here so Django registers it.
from .models_attestation import Attestation  # noqa: E402, F401
