from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import User
from .throttle import login_blocked, login_failure_note, login_success_note


class SignupForm(forms.Form):
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    email = forms.EmailField(label=_("Adresse e-mail"), max_length=254)
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Confirmation du mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    language = forms.ChoiceField(label=_("Langue"), choices=settings.LANGUAGES)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "Un compte existe déjà avec cette adresse. Connectez-vous ou réinitialisez "
                    "votre mot de passe."
                )
            )
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Les deux mots de passe ne correspondent pas."))
        elif p1:
            candidate = User(
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class EmailAuthenticationForm(AuthenticationForm):
    throttled = False
    username = forms.EmailField(
        label=_("Adresse e-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    # Django's message speaks of a "username" and of case; addresses are stored in lowercase.
    error_messages = {
        "invalid_login": _(
            "L'adresse e-mail ou le mot de passe est incorrect. Vérifiez-les, ou choisissez "
            "un nouveau mot de passe avec le lien ci-dessous."
        ),
        "inactive": _("Ce compte est désactivé."),
    }

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip().lower()

    def clean(self) -> dict[str, Any]:
        # Checked before the password: once blocked, even the right password is refused, or
        # guessing could go on.
        email = str(self.cleaned_data.get("username") or "")
        if email and login_blocked(self.request, email):
            self.throttled = True
            minutes = max(1, settings.BILAN_LOGIN_RATE_WINDOW // 60)
            raise forms.ValidationError(
                ngettext(
                    "Trop de tentatives de connexion ont échoué. Réessayez dans %(minutes)d "
                    "minute, ou choisissez un nouveau mot de passe avec le lien ci-dessous.",
                    "Trop de tentatives de connexion ont échoué. Réessayez dans %(minutes)d "
                    "minutes, ou choisissez un nouveau mot de passe avec le lien ci-dessous.",
                    minutes,
                )
                % {"minutes": minutes},
                code="throttled",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if email:
                login_failure_note(self.request, email)
            raise
        if email:
            login_success_note(email)
        return cleaned


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "language"]
