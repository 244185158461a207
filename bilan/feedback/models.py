"""Feedback requests sent to the tutor and colleagues, their answers, and the tutor's grid."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bilan.dossiers.models import Dossier
from bilan.skills.models import DossierSkill, Skill

from . import scales


class Grid(models.Model):
    """A tutor evaluation grid: criteria in two groups, answered on one scale.

    `owner` is a placeholder for the organisation that will own custom grids once
    organisations exist (cohorts work); built-in grids have none.
    """

    key = models.SlugField(_("clé"), max_length=50, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    scale = models.CharField(
        _("échelle"), max_length=20, choices=scales.scale_choices(), default=scales.DEFAULT_SCALE
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("propriétaire"),
    )
    is_builtin = models.BooleanField(_("fournie avec Bilan"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_builtin", "name"]
        verbose_name = _("grille d'évaluation")
        verbose_name_plural = _("grilles d'évaluation")

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    class Group(models.TextChoices):
        SAVOIR_ETRE = "savoir_etre", _("Savoir-être")
        SAVOIR_FAIRE = "savoir_faire", _("Savoir-faire")

    grid = models.ForeignKey(Grid, on_delete=models.CASCADE, related_name="criteria")
    group = models.CharField(_("groupe"), max_length=16, choices=Group.choices)
    label_fr = models.CharField(_("libellé (français)"), max_length=200)
    label_en = models.CharField(_("libellé (anglais)"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["grid_id", "position", "id"]
        verbose_name = _("critère")
        verbose_name_plural = _("critères")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if (get_language() or "fr").startswith("en") and self.label_en:
            return self.label_en
        return self.label_fr


class Round(models.Model):
    """The dossier's feedback settings: which grid and scale, and whether it is closed."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="+")
    grid = models.ForeignKey(
        Grid, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("grille")
    )
    scale = models.CharField(
        _("échelle"), max_length=20, choices=scales.scale_choices(), default=scales.DEFAULT_SCALE
    )
    closed_at = models.DateTimeField(_("clos le"), null=True, blank=True)

    class Meta:
        verbose_name = _("collecte de retours")
        verbose_name_plural = _("collectes de retours")

    def __str__(self) -> str:
        return str(self.dossier_id)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class FeedbackRequest(models.Model):
    """One person asked for feedback, with their personal link (stored only as a hash)."""

    class Relationship(models.TextChoices):
        TUTOR = "tutor", _("Tuteur ou tutrice")
        MANAGER = "manager", _("Responsable")
        COLLEAGUE = "colleague", _("Collègue")
        OTHER = "other", _("Autre")

    class Status(models.TextChoices):
        QUEUED = "queued", _("En attente d'envoi")
        SENT = "sent", _("Envoyée")
        OPENED = "opened", _("Ouverte")
        ANSWERED = "answered", _("Répondue")
        EXPIRED = "expired", _("Expirée")
        REVOKED = "revoked", _("Retirée")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="feedback_requests")
    name = models.CharField(_("nom"), max_length=200)
    email = models.EmailField(_("e-mail"))
    relationship = models.CharField(
        _("relation"), max_length=16, choices=Relationship.choices, default=Relationship.COLLEAGUE
    )
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES, default="fr")
    anonymous = models.BooleanField(
        _("réponse anonyme"),
        default=False,
        help_text=_(
            "Les réponses anonymes ne vous sont montrées que regroupées, et seulement quand "
            "au moins trois personnes ont répondu anonymement."
        ),
    )
    message = models.TextField(
        _("message personnel"),
        blank=True,
        help_text=_("Quelques mots de votre part, ajoutés à l'e-mail au-dessus du lien."),
    )
    # SHA-256 of the random token; the token itself is only ever in the e-mail.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)  # noqa: DJ001
    expires_at = models.DateTimeField(null=True, blank=True)
    send_count = models.PositiveSmallIntegerField(default=0)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("demande de retour")
        verbose_name_plural = _("demandes de retour")

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    @property
    def is_tutor(self) -> bool:
        return self.relationship == self.Relationship.TUTOR

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def status(self) -> str:
        if self.revoked_at:
            return self.Status.REVOKED
        if self.answered_at:
            return self.Status.ANSWERED
        if self.is_expired:
            return self.Status.EXPIRED
        if self.opened_at:
            return self.Status.OPENED
        if self.sent_at:
            return self.Status.SENT
        return self.Status.QUEUED

    @property
    def status_label(self) -> str:
        return str(self.Status(self.status).label)


class Answer(models.Model):
    """What one rater wrote; amended in place until the intern closes the round."""

    class HostAgain(models.TextChoices):
        YES = "yes", _("Oui")
        MAYBE = "maybe", _("Peut-être")
        NO = "no", _("Non")

    request = models.OneToOneField(FeedbackRequest, on_delete=models.CASCADE, related_name="answer")
    strengths = models.ManyToManyField(
        DossierSkill, blank=True, related_name="+", verbose_name=_("points forts observés")
    )
    strengths_other = models.TextField(_("autres points forts"), blank=True)
    improve = models.TextField(_("une chose à améliorer"), blank=True)
    situation = models.TextField(_("une situation concrète"), blank=True)
    developed = models.TextField(_("une compétence qui s'est développée"), blank=True)
    # Tutor grid: [{"key": "criterion:3" | "objective:9" | "skill:4", "label": ..., "value": ...}]
    ratings = models.JSONField(default=list, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)
    host_again = models.CharField(
        _("accueilleriez-vous un autre stagiaire ?"),
        max_length=8,
        choices=HostAgain.choices,
        blank=True,
    )
    offers_recommendation = models.BooleanField(_("propose une recommandation"), default=False)
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")

    def __str__(self) -> str:
        return str(self.request_id)

    def rating_values(self) -> dict[str, str]:
        return {item["key"]: item.get("value", "") for item in self.ratings}

    def texts(self) -> list[tuple[str, str]]:
        """(field name, text) of the free texts, in reading order."""
        names = ("strengths_other", "situation", "developed", "improve", "comment")
        return [(name, getattr(self, name)) for name in names if getattr(self, name).strip()]


class Discovery(models.Model):
    """A skill others named or showed that the intern has not listed: a "hidden skill"."""

    class Status(models.TextChoices):
        PENDING = "pending", _("À examiner")
        ADDED = "added", _("Ajoutée")
        DISMISSED = "dismissed", _("Écartée")

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="discoveries")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, null=True, blank=True)
    label = models.CharField(_("compétence"), max_length=300)
    sentence = models.TextField(_("phrase"))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("compétence révélée")
        verbose_name_plural = _("compétences révélées")

    def __str__(self) -> str:
        return self.label
