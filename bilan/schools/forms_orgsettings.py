"""Forms of the organisation's settings and of the attestation de stage: they only validate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from bilan.dossiers.forms import DateInput
from bilan.feedback.models import Criterion, Grid

from .frameworks import max_upload_bytes
from .models import Attestation, Organisation, OrganisationFramework
from .organisation_settings import DETAIL_FIELDS

MAX_RETENTION_DAYS = 36_500
MAX_REMINDER_AFTER_DAYS = 60
MAX_REMINDERS = 10


class OrganisationDetailsForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = DETAIL_FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "signatory_name": _(
                "Signe l'attestation de stage quand l'organisation est l'organisme d'accueil "
                "(entreprise) ; sinon, figure comme contact de l'établissement."
            ),
            "default_language": _(
                "Langue des e-mails envoyés au nom de l'organisation et des nouveaux dossiers."
            ),
        }


class OrganisationPolicyForm(forms.ModelForm):
    retention_days = forms.IntegerField(
        label=_("Durée de conservation (jours)"),
        required=False,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_RETENTION_DAYS)],
    )
    reminder_after_days = forms.IntegerField(
        label=_("Relancer après (jours)"),
        required=False,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_REMINDER_AFTER_DAYS)],
    )
    reminder_max = forms.IntegerField(
        label=_("Nombre de relances"),
        required=False,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_REMINDERS)],
    )

    class Meta:
        model = Organisation
        fields = ("retention_days", "reminder_after_days", "reminder_max", "rater_answer_policy")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        days = ", ".join(str(day) for day in settings.BILAN_FEEDBACK_REMINDER_DAYS) or "—"
        self.fields["retention_days"].help_text = _(
            "Après la fin du stage. Vide : la durée de l'instance (%(days)d jours)."
        ) % {"days": settings.BILAN_RETENTION_DAYS}
        self.fields["reminder_after_days"].help_text = _(
            "Une relance tous les N jours aux personnes qui n'ont pas répondu. Vide : "
            "le réglage de l'instance (relances à %(days)s jours)."
        ) % {"days": days}
        self.fields["reminder_max"].help_text = _(
            "0 : aucune relance. Vide : autant que le réglage de l'instance (%(count)d)."
        ) % {"count": len(settings.BILAN_FEEDBACK_REMINDER_DAYS)}


class GridCreateForm(forms.Form):
    name = forms.CharField(label=_("Nom de la nouvelle grille"), max_length=200, required=False)


class GridForm(forms.ModelForm):
    class Meta:
        model = Grid
        fields = ("name", "scale")


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ("group", "label_fr", "label_en")


class FrameworkUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier CSV"),
        help_text=_(
            "UTF-8, séparé par des virgules, colonnes code, family, label_fr, label_en, "
            "alt_labels, parent_code (le format de « bilan import-framework custom »)."
        ),
    )
    name = forms.CharField(label=_("Nom du référentiel"), max_length=200, required=False)
    replace = forms.ModelChoiceField(
        label=_("Mettre à jour un référentiel existant"),
        queryset=OrganisationFramework.objects.none(),
        required=False,
        empty_label=_("— non, en créer un nouveau —"),
        help_text=_(
            "Les compétences absentes du nouveau fichier sont gardées : des dossiers peuvent "
            "y renvoyer."
        ),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["replace"]
        field.queryset = OrganisationFramework.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        ).select_related("framework")
        field.label_from_instance = lambda link: link.framework.name  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(
                _("Le fichier fait %(size)d Ko ; la limite est de %(limit)d Ko.")
                % {"size": upload.size // 1024, "limit": max_upload_bytes() // 1024}
            )
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("replace") and not cleaned.get("name", "").strip():
            self.add_error("name", _("Donnez un nom au référentiel."))
        return cleaned


class FrameworkRenameForm(forms.Form):
    name = forms.CharField(label=_("Nom du référentiel"), max_length=200)


class AttestationForm(forms.ModelForm):
    class Meta:
        model = Attestation
        fields = (
            "presence_hours",
            "weekly_hours",
            "days_absent",
            "gratification_total",
            "host_name",
            "host_address",
            "host_phone",
            "host_signatory_name",
            "host_signatory_role",
            "intern_birth_date",
            "intern_address",
            "programme_name",
            "school_name",
            "signed_place",
        )
        widgets = {
            "host_address": forms.Textarea(attrs={"rows": 2}),
            "intern_address": forms.Textarea(attrs={"rows": 2}),
            "intern_birth_date": DateInput(),
        }
        help_texts = {
            "presence_hours": _(
                "Le total des heures de présence. Laissé vide, il est calculé à partir des "
                "heures par semaine et des jours d'absence."
            ),
            "weekly_hours": _(
                "Réparties sur cinq jours, du lundi au vendredi, sur toute la période du stage "
                "(jours fériés non déduits : comptez-les en absence ou saisissez le total)."
            ),
            "gratification_total": _("Le total perçu sur tout le stage ; 0 si aucune."),
        }

    def __init__(self, *args: Any, defaults: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A blank field takes the dossier's or the organisation's value on the PDF: say which.
        for name, value in defaults.items():
            if value and name in self.fields:
                self.fields[name].help_text = _("Laissé vide : « %(value)s ».") % {"value": value}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("presence_hours") is None and cleaned.get("days_absent") is not None:
            if cleaned.get("weekly_hours") is None:
                self.add_error(
                    "weekly_hours",
                    _("Indiquez les heures par semaine pour déduire les jours d'absence."),
                )
        return cleaned
