from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bilan.dossiers.models import Dossier, Objective
from bilan.skills.models import DossierSkill, Example, Highlight


def trace_upload_to(instance: Trace, filename: str) -> str:
    # A random name: the original one is kept in a field, never trusted as a path.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"traces/{instance.dossier_id}/{uuid.uuid4().hex}{suffix}"


def import_upload_to(instance: MailboxImport, filename: str) -> str:
    return f"imports/{instance.dossier_id}/{uuid.uuid4().hex}"


class Trace(models.Model):
    """Evidence of the intern's activity: a file, a pasted note, a link or an e-mail."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("E-mail")
        DOCUMENT = "document", _("Document produit")
        MINUTES = "minutes", _("Compte rendu")
        FEEDBACK = "feedback", _("Feedback / remerciement")
        RECOMMENDATION = "recommendation", _("Recommandation")
        OTHER = "other", _("Autre")

    class Source(models.TextChoices):
        UPLOAD = "upload", _("Fichier")
        NOTE = "note", _("Note")
        LINK = "link", _("Lien")
        MAILBOX = "mailbox", _("Boîte mail")
        ATTACHMENT = "attachment", _("Pièce jointe")

    class Extraction(models.TextChoices):
        PENDING = "pending", _("En attente")
        DONE = "done", _("Texte extrait")
        FAILED = "failed", _("Texte non extrait")
        NONE = "none", _("Sans fichier")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="traces")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    source = models.CharField(max_length=20, choices=Source.choices)
    title = models.CharField(_("titre"), max_length=300)
    author = models.CharField(_("auteur ou expéditeur"), max_length=300, blank=True)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    url = models.URLField(_("lien"), max_length=2000, blank=True)
    note = models.TextField(_("note"), blank=True)
    confidential = models.BooleanField(
        _("confidentiel"),
        default=False,
        help_text=_(
            "Une trace confidentielle n'apparaît dans rien de ce qui est partagé ou exporté, "
            "sauf si vous le choisissez explicitement."
        ),
    )
    file = models.FileField(upload_to=trace_upload_to, blank=True, max_length=300)
    filename = models.CharField(max_length=300, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    detected_type = models.CharField(max_length=20, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    message_id = models.CharField(max_length=500, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    mailbox_import = models.ForeignKey(
        "MailboxImport", null=True, blank=True, on_delete=models.SET_NULL, related_name="traces"
    )
    extraction = models.CharField(
        max_length=16, choices=Extraction.choices, default=Extraction.NONE
    )
    # Stored as a code and its figures so the reason shows in each reader's language.
    extraction_error_code = models.CharField(max_length=50, blank=True)
    extraction_error_params = models.JSONField(default=dict, blank=True)
    text = models.TextField(blank=True)
    search_text = models.TextField(blank=True, editable=False)
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="traces", verbose_name=_("objectifs")
    )
    skills = models.ManyToManyField(
        DossierSkill, blank=True, related_name="traces", verbose_name=_("compétences")
    )
    examples = models.ManyToManyField(
        Example, blank=True, related_name="traces", verbose_name=_("exemples")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["dossier", "kind"]),
            models.Index(fields=["dossier", "content_hash"]),
            models.Index(fields=["dossier", "message_id"]),
            # The list's order and its date filters, searching or not.
            models.Index(fields=["dossier", "date"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evidence:detail", args=[self.dossier_id, self.pk])

    @property
    def has_file(self) -> bool:
        return bool(self.file)

    def extraction_error_message(self) -> str:
        if not self.extraction_error_code:
            return ""
        from django.utils.translation import get_language

        from .extraction import message

        language = (get_language() or "fr")[:2]
        return message(self.extraction_error_code, language, **self.extraction_error_params)


class MailboxImport(models.Model):
    """A mailbox export (MBOX or ZIP of EML) being turned into traces in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("En file d'attente")
        RUNNING = "running", _("En cours")
        DONE = "done", _("Terminé")
        FAILED = "failed", _("Échec")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="mailbox_imports")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to=import_upload_to, max_length=300)
    filename = models.CharField(max_length=300)
    size = models.PositiveBigIntegerField(default=0)
    kind = models.CharField(_("type des traces"), max_length=20, default=Trace.Kind.EMAIL)
    confidential = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    expected = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    error_code = models.CharField(max_length=50, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.expected:
            return 0
        return min(99, round(100 * self.processed / self.expected))

    @property
    def is_active(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    def error_message(self) -> str:
        if not self.error_code:
            return ""
        from django.utils.translation import get_language

        from .extraction import message

        return message(self.error_code, (get_language() or "fr")[:2], **self.error_params)


# What a proof can back: each is a nullable foreign key of Proof, exactly one of them set.
PROOF_TARGETS = ("objective", "skill", "example", "highlight")


class Proof(models.Model):
    """A trace the intern chose to back a skill, an example, a réussite or difficulté, or an
    objective; the written support cites it briefly.

    A confidential trace is cited only in the outputs the intern named for this proof.
    """

    class Output(models.TextChoices):
        SYNTHESIS = "synthesis", _("la synthèse")
        PACK = "pack", _("le dossier d'entretien")
        CV = "cv", _("les lignes de CV et les récits")
        SCHOOL = "school", _("la vue de l'école")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="proofs")
    trace = models.ForeignKey(Trace, on_delete=models.CASCADE, related_name="proofs")
    objective = models.ForeignKey(
        Objective, null=True, blank=True, on_delete=models.CASCADE, related_name="proofs"
    )
    skill = models.ForeignKey(
        DossierSkill, null=True, blank=True, on_delete=models.CASCADE, related_name="proofs"
    )
    example = models.ForeignKey(
        Example, null=True, blank=True, on_delete=models.CASCADE, related_name="proofs"
    )
    highlight = models.ForeignKey(
        Highlight, null=True, blank=True, on_delete=models.CASCADE, related_name="proofs"
    )
    excerpt = models.CharField(
        _("extrait cité"),
        max_length=300,
        blank=True,
        help_text=_("Quelques mots de la trace, cités entre guillemets. Vide : rien n'est cité."),
    )
    confidential_outputs = models.JSONField(default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("preuve")
        verbose_name_plural = _("preuves")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        objective__isnull=False,
                        skill__isnull=True,
                        example__isnull=True,
                        highlight__isnull=True,
                    )
                    | models.Q(
                        objective__isnull=True,
                        skill__isnull=False,
                        example__isnull=True,
                        highlight__isnull=True,
                    )
                    | models.Q(
                        objective__isnull=True,
                        skill__isnull=True,
                        example__isnull=False,
                        highlight__isnull=True,
                    )
                    | models.Q(
                        objective__isnull=True,
                        skill__isnull=True,
                        example__isnull=True,
                        highlight__isnull=False,
                    )
                ),
                name="proof_backs_exactly_one_thing",
            ),
            *(
                models.UniqueConstraint(
                    fields=["trace", name],
                    condition=models.Q(**{f"{name}__isnull": False}),
                    name=f"proof_once_per_{name}",
                )
                for name in PROOF_TARGETS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trace_id} → {self.target_kind}"

    @property
    def target_kind(self) -> str:
        for name in PROOF_TARGETS:
            if getattr(self, f"{name}_id") is not None:
                return name
        return ""

    def shown_in(self, output: str) -> bool:
        """Whether this proof may appear in ``output`` (a confidential trace only by choice)."""
        return not self.trace.confidential or output in self.confidential_outputs
