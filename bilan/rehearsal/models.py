from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bilan.dossiers.models import Dossier

MAX_MINUTES = 60


class Plan(models.Model):
    """How long the intern means to talk, and the time they gave each section by hand."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="+")
    length_minutes = models.PositiveSmallIntegerField(
        _("durée de la présentation (minutes)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MINUTES)],
    )
    # {trame key: seconds}; empty: time proportional to each section's length.
    seconds = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan de présentation")
        verbose_name_plural = _("plans de présentation")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.length_minutes} min"


class Note(models.Model):
    """What the intern wants to improve after one rehearsal."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="rehearsal_notes")
    text = models.TextField(_("ce que je veux améliorer"))
    planned_seconds = models.PositiveIntegerField(null=True, blank=True)
    elapsed_seconds = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("note de répétition")
        verbose_name_plural = _("notes de répétition")

    def __str__(self) -> str:
        return self.text[:80]
