from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


class Dossier(models.Model):
    """One internship or apprenticeship, owned by the intern who prepares its review."""

    class Kind(models.TextChoices):
        STAGE = "stage", _("Stage")
        ALTERNANCE = "alternance", _("Alternance")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dossiers"
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    service = models.CharField(_("service"), max_length=200, blank=True)
    location = models.CharField(_("lieu"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, default=Kind.STAGE)
    start_date = models.DateField(_("date de début"))
    end_date = models.DateField(_("date de fin"))
    school = models.CharField(_("école ou université"), max_length=200, blank=True)
    programme = models.CharField(_("formation"), max_length=200, blank=True)
    tutor_name = models.CharField(_("nom du tuteur"), max_length=200, blank=True)
    tutor_email = models.EmailField(_("e-mail du tuteur"), blank=True)
    tutor_role = models.CharField(_("fonction du tuteur"), max_length=200, blank=True)
    referent_name = models.CharField(_("nom du référent pédagogique"), max_length=200, blank=True)
    referent_email = models.EmailField(_("e-mail du référent pédagogique"), blank=True)
    mission_text = models.TextField(
        _("mission telle qu'écrite"),
        blank=True,
        help_text=_(
            "Copiez ici la mission de la convention ou de la fiche mission "
            "(« activités confiées », « compétences à acquérir »)."
        ),
    )
    language = models.CharField(
        _("langue du dossier"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="fr",
        help_text=_("Langue des documents produits (synthèse, e-mails aux évaluateurs)."),
    )
    first_week_note = models.TextField(_("ce que je savais faire en arrivant"), blank=True)
    mastered_now = models.TextField(_("ce que je maîtrise désormais"), blank=True)
    # A database default too: rows written by code that predates the column (old migrations
    # replayed in tests, a second app process during a deploy) still get a value.
    autonomy_gained = models.TextField(
        _("ce que le stage m'a apporté en autonomie et en responsabilités"),
        blank=True,
        default="",
        db_default="",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        objectives: RelatedManager[Objective]
        journal_entries: RelatedManager[JournalEntry]

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="dossier_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.start_date:%Y})"

    def get_absolute_url(self) -> str:
        return reverse("dossiers:home", args=[self.pk])

    @property
    def duration_weeks(self) -> int:
        return max(1, round(((self.end_date - self.start_date).days + 1) / 7))

    def covers(self, date: dt.date) -> bool:
        """Whether a date falls within the internship."""
        return self.start_date <= date <= self.end_date

    def journal_default_date(self, today: dt.date) -> dt.date:
        """Today during the internship; its last day once over, its first day before it starts."""
        return min(max(today, self.start_date), self.end_date)

    def next_objective_position(self) -> int:
        last = self.objectives.aggregate(m=models.Max("position"))["m"]
        return 0 if last is None else last + 1


class Objective(models.Model):
    """A line of the mission as planned, and what became of it."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Prévu")
        DONE = "done", _("Réalisé")
        PARTIAL = "partial", _("Partiellement réalisé")
        CHANGED = "changed", _("Modifié")
        DROPPED = "dropped", _("Abandonné")

    NEEDS_REASON = frozenset({Status.CHANGED, Status.DROPPED})

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveIntegerField(default=0)
    title = models.TextField(_("objectif"))
    unplanned = models.BooleanField(
        _("non prévu"),
        default=False,
        help_text=_("Une tâche qui ne figurait pas dans la mission initiale."),
    )
    status = models.CharField(
        _("statut"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    actual = models.TextField(_("ce qui a réellement été fait"), blank=True)
    contribution = models.TextField(_("ma contribution personnelle"), blank=True)
    reason = models.TextField(_("raison du changement ou de l'abandon"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("objectif")
        verbose_name_plural = _("objectifs")

    def __str__(self) -> str:
        return self.title[:80]

    @property
    def is_reviewed(self) -> bool:
        """Reviewed once it has left "prévu" and says what really happened."""
        return self.status != self.Status.PLANNED and bool(self.actual or self.reason)


class JournalEntry(models.Model):
    """A dated line of the logbook kept during the internship."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="journal_entries")
    date = models.DateField(_("date"))
    text = models.TextField(_("texte"))
    tags = models.CharField(
        _("étiquettes"),
        max_length=300,
        blank=True,
        help_text=_("Séparées par des virgules, par exemple : réunion, client, Excel"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("entrée du journal")
        verbose_name_plural = _("entrées du journal")
        indexes = [models.Index(fields=["dossier", "date"])]

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:60]}"

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]

    @property
    def outside_internship(self) -> bool:
        return not self.dossier.covers(self.date)

    @property
    def week_start(self) -> dt.date:
        return self.date - dt.timedelta(days=self.date.weekday())
