"""API tokens: how a school's own systems (Apogée, Pegase, an ERP, a spreadsheet) reach Bilan.

A token belongs to one organisation and sees only it. Only the token's SHA-256 is stored: the
token is shown once, when it is created, and cannot be shown again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bilan.schools.models import Organisation


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", _("Lecture")
        WRITE = "write", _("Lecture et écriture")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("nom"), max_length=100)
    scope = models.CharField(_("droits"), max_length=8, choices=Scope.choices, default=Scope.READ)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Written at most once per BILAN_API_LAST_USED_SECONDS, not at every request.
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("jeton d'API")
        verbose_name_plural = _("jetons d'API")

    def __str__(self) -> str:
        return f"{self.name} ({self.scope})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE
