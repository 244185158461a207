from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bilan.dossiers.models import Dossier


class CoachResult(models.Model):
    """The coach's verdict on one text field of a dossier, with the text and version it judged.

    A text is identified by where it lives (``source``, ``object_id``, ``field``), not by a
    foreign key: texts live in several apps below this one. ``content_hash`` is the SHA-256 of
    the text analysed; a result whose hash or ``coach_version`` differs from the text's
    current state is stale and gets recomputed by the worker.
    """

    class Source(models.TextChoices):
        SYNTHESIS = "synthesis", _("Synthèse")
        EXAMPLE = "example", _("Exemple")
        HIGHLIGHT = "highlight", _("Réussite ou difficulté")
        FEELINGS = "feelings", _("Ressentis")
        OBJECTIVE = "objective", _("Objectif")
        DOSSIER = "dossier", _("Première et dernière semaine")
        JOURNAL = "journal", _("Journal")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=16, choices=Source.choices)
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=40)
    content_hash = models.CharField(max_length=64)
    coach_version = models.CharField(max_length=40)
    language = models.CharField(max_length=8)
    # Compact analysis: sentences (offsets, labels, prose), findings, figures and the counts
    # the readiness panel adds up (see bilan/writing/verdicts.py, `_serialise`).
    analysis = models.JSONField(default=dict)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "source", "object_id", "field"], name="coach_result_unique"
            )
        ]
        indexes = [models.Index(fields=["coach_version"], name="coach_result_version")]
        verbose_name = _("résultat du coach")
        verbose_name_plural = _("résultats du coach")

    def __str__(self) -> str:
        return f"{self.source}#{self.object_id}.{self.field}"
