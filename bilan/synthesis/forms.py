from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bilan.core.edits import EditVersionMixin
from bilan.documents.model import TRAME, TRAME_HEADINGS
from bilan.dossiers.forms import LimitedTextField

from .models import Synthesis

HELP = _("Paragraphes séparés par une ligne vide ; listes avec « - » ; **gras** ; *italique*.")


class SynthesisForm(EditVersionMixin, forms.Form):
    """One text area per trame section, in the dossier's language."""

    def __init__(
        self,
        *args: Any,
        language: str = "fr",
        placeholders: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        headings = TRAME_HEADINGS["en" if language == "en" else "fr"]
        placeholders = placeholders or {}
        for key in TRAME:
            # The prompt for an empty section is a placeholder: seen while writing, never saved.
            attrs = {"rows": 7, "placeholder": placeholders.get(key, "")}
            self.fields[key] = LimitedTextField(
                label=headings[key],
                widget=forms.Textarea(attrs=attrs),
                help_text=HELP,
            )

    def sections(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key, "") for key in TRAME}


class RegenerateForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label=_("Sections à remplacer par la nouvelle version"),
        choices=[(key, key) for key in TRAME],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class CompareForm(forms.Form):
    old = forms.IntegerField(min_value=1)
    new = forms.IntegerField(min_value=1)


class LayoutForm(forms.Form):
    condensed = forms.BooleanField(required=False)


class DeroulementForm(forms.Form):
    deroulement_order = forms.ChoiceField(
        label=_("Raconter le déroulement"),
        choices=Synthesis.DeroulementOrder.choices,
        widget=forms.RadioSelect,
    )
