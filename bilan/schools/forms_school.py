"""Forms of the school pages: they validate, the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bilan.accounts.models import User

from .models import Cohort, Enrolment, Membership, Organisation, Programme


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind"]
        labels = {"name": _("Nom de l'école, de l'université ou du service")}


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "level"]
        help_texts = {"level": _("Par exemple : BUT 2e année, Master 1, Licence pro.")}


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "year", "join_open"]
        help_texts = {
            "join_open": _(
                "Les stagiaires rejoignent la promotion avec son code ; "
                "décochez pour n'accepter que les personnes invitées."
            )
        }

    def clean_year(self) -> int | None:
        year: int | None = self.cleaned_data.get("year")
        if year is not None and not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Indiquez une année entre 2000 et 2100."))
        return year


class MemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    role = forms.ChoiceField(
        label=_("Rôle"), choices=Membership.Role.choices, initial=Membership.Role.REFERENT
    )
    first_name = forms.CharField(label=_("Prénom"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nom"), max_length=150, required=False)


class PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name()
        return f"{name} <{obj.email}>" if name else str(obj.email)


class ReferentsForm(forms.Form):
    referents = PeopleField(
        label=_("Référents de la promotion"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["referents"]
        assert isinstance(field, PeopleField)
        field.queryset = (
            User.objects.filter(memberships__organisation=organisation)
            .distinct()
            .order_by("last_name", "first_name", "email")
        )


SHARE_FIELDS = (
    "share_tutor_evaluation",
    "share_journal",
    "share_traces",
    "share_feelings",
    "share_drafts",
)


class SharingForm(forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = list(SHARE_FIELDS)
        help_texts = {
            "share_tutor_evaluation": _("La réponse de votre tuteur à votre demande de retour."),
            "share_journal": _("Toutes les entrées de votre journal, telles que vous les écrivez."),
            "share_traces": _(
                "La liste de vos traces et leurs fichiers, sauf celles marquées confidentielles."
            ),
            "share_feelings": _("Votre page Ressentis : culture, ambiance, équipe, motivation."),
            "share_drafts": _("La dernière version de votre synthèse, même non rendue."),
        }
