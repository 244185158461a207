"""What the attestation de stage needs beyond the dossier: presence, gratification, parties.

Code de l'éducation, art. D124-9: the host organisation gives the intern an attestation
stating the effective duration and the total gratification, on the model fixed by the arrêté
of 29 December 2014. The intern or the organisation's admin enters the figures here; blank
text fields fall back, when the PDF is made, to the dossier and the organisation's details.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bilan.dossiers.models import Dossier

from . import duration

# A week of presence above the legal maximum (48 h) is a typing error.
MAX_WEEKLY_HOURS = Decimal(48)
MAX_PRESENCE_HOURS = Decimal(9999)


class Attestation(models.Model):
    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="attestation")
    # The organisme d'accueil, its representative who signs.
    host_name = models.CharField(_("organisme d'accueil"), max_length=200, blank=True)
    host_address = models.TextField(_("adresse de l'organisme d'accueil"), blank=True)
    host_phone = models.CharField(
        _("téléphone de l'organisme d'accueil"), max_length=40, blank=True
    )
    host_signatory_name = models.CharField(
        _("nom du représentant de l'organisme d'accueil"), max_length=200, blank=True
    )
    host_signatory_role = models.CharField(
        _("fonction du représentant"), max_length=200, blank=True
    )
    # The intern, beyond their name and e-mail (optional: left blank on the PDF).
    intern_birth_date = models.DateField(_("date de naissance"), null=True, blank=True)
    intern_address = models.TextField(_("adresse du ou de la stagiaire"), blank=True)
    # The training followed and the establishment.
    programme_name = models.CharField(_("formation suivie"), max_length=200, blank=True)
    school_name = models.CharField(_("établissement d'enseignement"), max_length=200, blank=True)
    # Presence: either the total, or a weekly schedule and the days absent.
    presence_hours = models.DecimalField(
        _("heures de présence effective (total)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_PRESENCE_HOURS)],
    )
    weekly_hours = models.DecimalField(
        _("heures par semaine"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_WEEKLY_HOURS)],
    )
    days_absent = models.DecimalField(
        _("jours d'absence"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    gratification_total = models.DecimalField(
        _("gratification totale (euros)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    signed_place = models.CharField(_("fait à"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attestation de stage")
        verbose_name_plural = _("attestations de stage")

    def __str__(self) -> str:
        return str(self.dossier_id)

    def effective_hours(self, start: dt.date, end: dt.date) -> Decimal | None:
        """The total typed in, else the weekly schedule over the period minus absences."""
        if self.presence_hours is not None:
            return self.presence_hours
        if self.weekly_hours is not None:
            return duration.presence_hours(
                start=start,
                end=end,
                weekly_hours=self.weekly_hours,
                days_absent=self.days_absent or 0,
            )
        return None
