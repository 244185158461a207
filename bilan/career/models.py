"""What the intern takes from the dossier for the next step: CV lines, "à propos", a letter."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bilan.dossiers.models import Dossier
from bilan.skills.models import Example


class CvLine(models.Model):
    """One CV line (action verb + what + measurable result), drawn from an example or written."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="cv_lines")
    example = models.ForeignKey(
        Example, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.CharField(_("ligne de CV"), max_length=300)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("ligne de CV")
        verbose_name_plural = _("lignes de CV")

    def __str__(self) -> str:
        return self.text[:80]


class Profile(models.Model):
    """The intern's edited texts; empty fields mean "use the generated draft"."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="+")
    about = models.TextField(_("à propos"), blank=True)
    letter_subject = models.CharField(_("objet"), max_length=300, blank=True)
    letter_body = models.TextField(_("message"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profil après le stage")
        verbose_name_plural = _("profils après le stage")

    def __str__(self) -> str:
        return str(self.dossier_id)
