"""Forms of enrolment: the CSV upload, joining with a code."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bilan.accounts.models import User
from bilan.dossiers.forms import DateInput
from bilan.dossiers.models import Dossier

from .enrolment import max_bytes

NEW_DOSSIER = "new"


class EnrolmentUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier CSV des stagiaires"),
        help_text=_(
            "Une ligne par stagiaire ; colonnes e-mail, prénom, nom, entreprise, début, fin "
            "(et si vous les avez : service, nom du tuteur, e-mail du tuteur, e-mail du référent)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("Le fichier dépasse la taille maximale (%(size)d Kio).")
                % {"size": max_bytes() // 1024}
            )
        return bytes(upload.read())


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code d'inscription de la promotion"),
        max_length=32,
        help_text=_("Le code que votre école vous a donné, par exemple K7P2QX."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class JoinDossierForm(forms.Form):
    """Which dossier to link: one of the user's free dossiers, or a new one described here."""

    dossier = forms.ChoiceField(label=_("Dossier à rattacher"), widget=forms.RadioSelect)
    organisation = forms.CharField(
        label=_("Entreprise ou organisation"), max_length=200, required=False
    )
    service = forms.CharField(label=_("Service"), max_length=200, required=False)
    start_date = forms.DateField(label=_("Date de début"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("Date de fin"), required=False, widget=DateInput())

    def __init__(self, *args: Any, user: User, dossiers: list[Dossier], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.dossiers = {str(dossier.pk): dossier for dossier in dossiers}
        choices = [
            (key, f"{d.organisation} ({d.start_date:%Y})") for key, d in self.dossiers.items()
        ]
        choices.append((NEW_DOSSIER, str(_("Un nouveau dossier (décrivez le stage ci-dessous)"))))
        field = self.fields["dossier"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        if dossiers:
            field.initial = str(dossiers[0].pk)
        else:
            field.initial = NEW_DOSSIER

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("dossier") != NEW_DOSSIER:
            return cleaned
        for name in ("organisation", "start_date", "end_date"):
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, _("Ce champ est obligatoire pour un nouveau dossier."))
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("La date de fin précède la date de début."))
        return cleaned

    def chosen_dossier(self) -> Dossier | None:
        return self.dossiers.get(self.cleaned_data["dossier"])

    def new_dossier(self) -> dict[str, object]:
        data = self.cleaned_data
        return {
            "organisation": data["organisation"].strip(),
            "service": data["service"].strip(),
            "start_date": data["start_date"],
            "end_date": data["end_date"],
        }
