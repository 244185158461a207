from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bilan.core.edits import EditVersionMixin
from bilan.dossiers.forms import LimitedTextField
from bilan.skills.models import Example


class CvLineEditForm(EditVersionMixin, forms.Form):
    text = forms.CharField(
        label=_("Ligne de CV"),
        max_length=300,
        help_text=_("Un verbe d'action, ce que vous avez fait, un résultat chiffré si possible."),
        error_messages={"required": _("Écrivez la ligne de CV.")},
    )

    def clean_text(self) -> str:
        value = self.cleaned_data["text"].strip()
        if not value:
            raise forms.ValidationError(_("Écrivez la ligne de CV."))
        return value


class CvLineForm(CvLineEditForm):
    example = forms.ModelChoiceField(
        queryset=Example.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, dossier_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = Example.objects.filter(dossier_id=dossier_id)
        self.fields["example"].queryset = queryset  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # A hidden field's error would not be displayed: say it at the top of the form.
        if "example" in self.errors:
            self.add_error(None, _("Cet exemple n'existe pas ou n'est pas le vôtre."))
        return cleaned


class AboutForm(EditVersionMixin, forms.Form):
    about = LimitedTextField(
        label=_("À propos"),
        required=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Quelques phrases pour votre CV, LinkedIn ou une lettre de motivation."),
        error_messages={"required": _("Écrivez quelques phrases, ou regénérez le brouillon.")},
    )


class LetterForm(EditVersionMixin, forms.Form):
    subject = forms.CharField(
        label=_("Objet"),
        max_length=300,
        error_messages={"required": _("Indiquez l'objet du message.")},
    )
    body = LimitedTextField(
        label=_("Message"),
        required=True,
        widget=forms.Textarea(attrs={"rows": 14}),
        error_messages={"required": _("Écrivez le message.")},
    )

    def clean_subject(self) -> str:
        value = self.cleaned_data["subject"].strip()
        if not value:
            raise forms.ValidationError(_("Indiquez l'objet du message."))
        return value

    def clean_body(self) -> str:
        value = self.cleaned_data["body"].strip()
        if not value:
            raise forms.ValidationError(_("Écrivez le message."))
        return value
