"""Questions the intern brings to the review meeting, and the record both sides confirm."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bilan.dossiers.models import Dossier


class Meeting(models.Model):
    """The date and place of the review meeting; the tutor's invitation carries it as .ics."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField(_("date et heure"))
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"), default=60)
    place = models.CharField(_("lieu"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # Created by the feedback app; the table kept its name when the model moved here.
        db_table = "feedback_meeting"
        verbose_name = _("entretien de bilan")
        verbose_name_plural = _("entretiens de bilan")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.starts_at:%Y-%m-%d %H:%M}"


class Question(models.Model):
    """A question for the tutor, picked from the proposals or written by the intern."""

    class Topic(models.TextChoices):
        SKILL = "skill", _("Une compétence à faire confirmer")
        AXIS = "axis", _("Un axe de progrès")
        FUTURE = "future", _("La suite de mon parcours")
        OTHER = "other", _("Autre question")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="meeting_questions")
    position = models.PositiveIntegerField(default=0)
    topic = models.CharField(_("thème"), max_length=16, choices=Topic.choices)
    text = models.CharField(_("question"), max_length=500)
    # The proposal it came from ("skill:12", "future:next"), so it is not proposed twice.
    proposal_key = models.CharField(max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("question pour le tuteur")
        verbose_name_plural = _("questions pour le tuteur")

    def __str__(self) -> str:
        return self.text[:80]


class Record(models.Model):
    """What was said and agreed at the meeting; frozen once the intern and the tutor confirm.

    ``version`` grows with every change of the content. The tutor's link is valid only for the
    version it was sent for, so an edit made after sending kills the pending link.
    """

    class Recommendation(models.TextChoices):
        UNDECIDED = "undecided", _("Pas abordée")
        AGREED = "agreed", _("Oui, une lettre de recommandation est convenue")
        DECLINED = "declined", _("Non, pas de lettre de recommandation")

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="+")
    tutor_said = models.TextField(_("ce que le tuteur a dit"), blank=True)
    agreed_axes = models.TextField(_("axes de progrès convenus"), blank=True)
    next_steps = models.TextField(_("prochaines étapes"), blank=True)
    recommendation = models.CharField(
        _("lettre de recommandation"),
        max_length=16,
        choices=Recommendation.choices,
        default=Recommendation.UNDECIDED,
    )
    version = models.PositiveIntegerField(default=1)
    intern_confirmed_at = models.DateTimeField(null=True, blank=True)
    intern_confirmed_version = models.PositiveIntegerField(null=True, blank=True)
    tutor_confirmed_at = models.DateTimeField(null=True, blank=True)
    correction_comment = models.TextField(_("correction demandée"), blank=True)
    correction_requested_at = models.DateTimeField(null=True, blank=True)
    # The tutor's personal link: SHA-256 of the random token, the version it was sent for.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)  # noqa: DJ001
    link_version = models.PositiveIntegerField(null=True, blank=True)
    link_expires_at = models.DateTimeField(null=True, blank=True)
    link_sent_at = models.DateTimeField(null=True, blank=True)
    link_used_at = models.DateTimeField(null=True, blank=True)
    frozen_at = models.DateTimeField(_("confirmé par les deux le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("compte rendu d'entretien")
        verbose_name_plural = _("comptes rendus d'entretien")

    def __str__(self) -> str:
        return f"{self.dossier_id} v{self.version}"

    CONTENT_FIELDS = ("tutor_said", "agreed_axes", "next_steps", "recommendation")

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    @property
    def is_empty(self) -> bool:
        texts = (self.tutor_said, self.agreed_axes, self.next_steps)
        return (
            not any(text.strip() for text in texts)
            and self.recommendation == self.Recommendation.UNDECIDED
        )

    @property
    def intern_confirmed(self) -> bool:
        return self.intern_confirmed_version == self.version

    @property
    def link_pending(self) -> bool:
        """A link to the current version is out and not used or expired yet."""
        return bool(
            self.token_hash
            and self.link_version == self.version
            and self.link_used_at is None
            and self.link_expires_at
            and self.link_expires_at > timezone.now()
        )
