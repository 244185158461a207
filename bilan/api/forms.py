from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ApiToken


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nom du jeton"),
        max_length=100,
        help_text=_("Le système qui l'utilisera, par exemple « Apogée » ou « ERP stages »."),
    )
    scope = forms.ChoiceField(
        label=_("Droits"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        help_text=_("Lecture seule, sauf si le système doit inscrire ou retirer des stagiaires."),
    )
