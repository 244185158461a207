from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from bilan.accounts.models import User


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Export Bilan (ZIP)"),
        help_text=_(
            "Le fichier obtenu avec « Télécharger mes données » sur un autre serveur Bilan."
        ),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        limit = settings.BILAN_PRIVACY_LIMITS["import_bytes"]
        if (upload.size or 0) > limit:
            raise forms.ValidationError(
                _("Ce fichier dépasse la taille autorisée (%(limit)s Mo).")
                % {"limit": limit // (1024 * 1024)}
            )
        return upload


class EraseForm(forms.Form):
    password = forms.CharField(
        label=_("Votre mot de passe"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        strip=False,
    )
    confirm = forms.BooleanField(
        label=_("Je comprends que tout sera supprimé définitivement."), required=True
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Mot de passe incorrect."))
        return password
