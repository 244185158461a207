from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bilan.dossiers.models import Dossier


class Synthesis(models.Model):
    """The 1–2 page written support for the review meeting; its content lives in versions."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="synthesis")
    condensed = models.BooleanField(
        _("mise en page resserrée"),
        default=False,
        help_text=_("Police et marges plus petites, pour tenir sur deux pages sans rien couper."),
    )

    class DeroulementOrder(models.TextChoices):
        OBJECTIVES = "objectives", _("par objectifs")
        CALENDAR = "calendar", _("dans l'ordre chronologique, d'après le journal")

    deroulement_order = models.CharField(
        _("déroulement"),
        max_length=16,
        choices=DeroulementOrder.choices,
        default=DeroulementOrder.OBJECTIVES,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("synthèse")
        verbose_name_plural = _("synthèses")

    def __str__(self) -> str:
        return str(self.dossier)


class SynthesisVersion(models.Model):
    """One saved state. Versions are never changed: every save appends one."""

    class Origin(models.TextChoices):
        GENERATED = "generated", _("Générée depuis le dossier")
        EDITED = "edited", _("Modifiée")
        REGENERATED = "regenerated", _("Regénérée en partie")
        RESTORED = "restored", _("Restaurée")

    synthesis = models.ForeignKey(Synthesis, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    origin = models.CharField(max_length=16, choices=Origin.choices)
    # {trame key: Markdown}: what the intern sees and edits.
    sections = models.JSONField(default=dict)
    # {trame key: Markdown}: the last draft generated for each section, so a later
    # regeneration can tell sections the intern rewrote from untouched ones.
    generated = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["synthesis", "number"], name="synthesis_version_unique")
        ]

    def __str__(self) -> str:
        return f"v{self.number}"

    def edited_keys(self) -> set[str]:
        return {
            key
            for key, text in self.sections.items()
            if text.strip() != self.generated.get(key, "").strip()
        }
