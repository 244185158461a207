"""Skill frameworks, the intern's self-assessment, anecdotes, réussites/difficultés, ressentis."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bilan.dossiers.models import Dossier, Objective

from . import scale


class Family(models.TextChoices):
    TECHNICAL = "technical", _("Compétences techniques")
    TRANSVERSAL = "transversal", _("Compétences transversales")
    BEHAVIOURAL = "behavioural", _("Compétences comportementales")


class Framework(models.Model):
    """A referential of skills: shipped with Bilan, imported (ESCO, ROME) or an organisation's."""

    class Source(models.TextChoices):
        BUILTIN = "builtin", _("Fourni avec Bilan")
        ESCO = "esco", _("ESCO")
        ROME = "rome", _("ROME 4.0 (France Travail)")
        CUSTOM = "custom", _("Référentiel de l'organisation")

    key = models.SlugField(_("clé"), max_length=50, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    source = models.CharField(_("origine"), max_length=16, choices=Source.choices)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(
        _("proposé par défaut"),
        default=False,
        help_text=_(
            "Actif pour un dossier tant que le ou la stagiaire n'a pas choisi ses référentiels."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_default", "name"]
        verbose_name = _("référentiel de compétences")
        verbose_name_plural = _("référentiels de compétences")

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="skills")
    # ESCO concept URI, ROME code OGR or the organisation's code: kept as published.
    code = models.CharField(_("code"), max_length=255)
    family = models.CharField(_("famille"), max_length=16, choices=Family.choices)
    label_fr = models.CharField(_("libellé (français)"), max_length=500, blank=True)
    label_en = models.CharField(_("libellé (anglais)"), max_length=500, blank=True)
    alt_labels_fr = models.TextField(_("autres libellés (français)"), blank=True)
    alt_labels_en = models.TextField(_("autres libellés (anglais)"), blank=True)
    parent_code = models.CharField(_("code parent"), max_length=255, blank=True)
    # Words that, in the intern's text, hint at this skill (built-in frameworks only).
    cues = models.TextField(_("mots indices"), blank=True)
    # Normalised labels (no accents, casefolded): what the picker searches.
    search_text = models.TextField(editable=False, blank=True)
    # Lemma sequences of the labels, computed on first use by the suggestion engine. None means
    # "not computed yet", which differs from "" (a label with no content word).
    lemma_keys = models.TextField(editable=False, blank=True, null=True)  # noqa: DJ001
    # The English labels' stems, for English journals and traces (see suggest_en.py).
    stem_keys_en = models.TextField(editable=False, blank=True, null=True)  # noqa: DJ001

    class Meta:
        ordering = ["framework_id", "label_fr"]
        verbose_name = _("compétence du référentiel")
        verbose_name_plural = _("compétences du référentiel")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="skill_unique_code")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if (get_language() or "fr").startswith("en") and self.label_en:
            return self.label_en
        return self.label_fr or self.label_en or self.code


class DossierFramework(models.Model):
    """A framework the intern chose for this dossier (none chosen: the default ones)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dossier", "framework"], name="dossier_framework_once")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}:{self.framework_id}"


class DossierSkill(models.Model):
    """A skill the intern keeps for the review: from a framework or in their own words."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(
        Skill, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    custom_label = models.CharField(_("compétence"), max_length=300, blank=True)
    family = models.CharField(_("famille"), max_length=16, choices=Family.choices)
    level_before = models.PositiveSmallIntegerField(
        _("niveau à l'arrivée"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(scale.MAX_LEVEL)],
    )
    level_now = models.PositiveSmallIntegerField(
        _("niveau aujourd'hui"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(scale.MAX_LEVEL)],
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family", "id"]
        verbose_name = _("compétence du dossier")
        verbose_name_plural = _("compétences du dossier")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "skill"],
                condition=models.Q(skill__isnull=False),
                name="dossier_skill_once",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.custom_label:
            return self.custom_label
        return self.skill.label if self.skill else ""

    @property
    def level_before_label(self) -> str:
        return scale.label_of(self.level_before)

    @property
    def level_now_label(self) -> str:
        return scale.label_of(self.level_now)

    @property
    def progress(self) -> int | None:
        if self.level_before is None or self.level_now is None:
            return None
        return self.level_now - self.level_before


class Example(models.Model):
    """An anecdote in STAR form that shows one or more skills at work."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="examples")
    title = models.CharField(_("titre"), max_length=200)
    situation = models.TextField(_("situation"), blank=True)
    task = models.TextField(_("tâche"), blank=True)
    action = models.TextField(_("action"), blank=True)
    result = models.TextField(_("résultat"), blank=True)
    learned = models.TextField(_("ce que j'en retiens"), blank=True)
    skills = models.ManyToManyField(DossierSkill, blank=True, related_name="examples")
    objectives = models.ManyToManyField(Objective, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("exemple")
        verbose_name_plural = _("exemples")

    def __str__(self) -> str:
        return self.title

    @property
    def is_complete(self) -> bool:
        return all((self.situation, self.task, self.action, self.result, self.learned))


class Highlight(models.Model):
    """A réussite, or a difficulté with its solution, resources mobilised and lesson."""

    class Kind(models.TextChoices):
        SUCCESS = "success", _("Réussite")
        DIFFICULTY = "difficulty", _("Difficulté")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="highlights")
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("en une phrase"), max_length=300)
    description = models.TextField(_("ce qui s'est passé"), blank=True)
    solution = models.TextField(_("solution trouvée"), blank=True)
    resources = models.TextField(_("ressources mobilisées"), blank=True)
    lesson = models.TextField(_("ce que j'en retiens"), blank=True)
    examples = models.ManyToManyField(Example, blank=True, related_name="highlights")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("réussite ou difficulté")
        verbose_name_plural = _("réussites et difficultés")

    def __str__(self) -> str:
        return self.title


class Feelings(models.Model):
    """Ressentis: what the intern takes away from the company and for what comes next."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="feelings")
    culture = models.TextField(_("la culture d'entreprise"), blank=True)
    atmosphere = models.TextField(_("l'ambiance"), blank=True)
    team = models.TextField(_("la relation avec l'équipe"), blank=True)
    motivation = models.TextField(_("ce qui me motive (ou pas)"), blank=True)
    applications = models.TextField(_("applications pour mes études et ma carrière"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ressentis")
        verbose_name_plural = _("ressentis")

    def __str__(self) -> str:
        return str(self.dossier_id)


class ProgressAxis(models.Model):
    """An axe de progrès, in the intern's own words."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="progress_axes")
    text = models.CharField(_("axe de progrès"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("axe de progrès")
        verbose_name_plural = _("axes de progrès")

    def __str__(self) -> str:
        return self.text


class Suggestion(models.Model):
    """A framework skill the intern's own text gives evidence of; never added silently."""

    class Status(models.TextChoices):
        PENDING = "pending", _("À examiner")
        ACCEPTED = "accepted", _("Acceptée")
        DISMISSED = "dismissed", _("Écartée")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    sentence = models.TextField(_("phrase"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["dossier", "skill"], name="suggestion_once")]

    def __str__(self) -> str:
        return f"{self.skill_id}: {self.sentence[:40]}"
