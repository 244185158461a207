"""What the privacy app keeps itself: account exports waiting for download, retention warnings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bilan.dossiers.models import Dossier


class DataExport(models.Model):
    """An export of an account built by the worker; the ZIP waits in storage until it expires."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("En préparation")
        READY = "ready", _("Prêt")
        FAILED = "failed", _("Échec")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    # A storage name (never a path: storage may be S3).
    file = models.CharField(max_length=300, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.status}"


class RetentionNotice(models.Model):
    """The intern was warned that this dossier will be deleted; sent once per dossier."""

    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, primary_key=True, related_name="retention_notice"
    )
    warned_at = models.DateTimeField()
    # The deletion date the e-mail announced; the purge never comes earlier.
    delete_after = models.DateField()

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.delete_after}"
