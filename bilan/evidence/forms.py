from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bilan.dossiers.forms import DateInput, LimitedTextField
from bilan.dossiers.models import Dossier, Objective
from bilan.skills.models import DossierSkill, Example

from .models import Trace


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple) and not data:
            return [single(None, initial)]
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    # The metaclass moves declared fields off the class, so this does not hide Form.files.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Fichiers"),
        help_text=_(
            "PDF, DOCX, ODT, TXT, Markdown, HTML, e-mails (EML, MSG), boîtes mail (MBOX, ZIP "
            "d'EML), images. Plusieurs fichiers à la fois possibles."
        ),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=Trace.Kind.choices, initial="other")
    confidential = forms.BooleanField(label=_("Confidentiel"), required=False)


def _to_datetime(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


class NoteForm(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=300)
    note = LimitedTextField(
        label=_("Texte"), required=True, widget=forms.Textarea(attrs={"rows": 6})
    )
    kind = forms.ChoiceField(label=_("Type"), choices=Trace.Kind.choices, initial="other")
    author = forms.CharField(label=_("Auteur"), max_length=300, required=False)
    day = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    confidential = forms.BooleanField(label=_("Confidentiel"), required=False)

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["date"] = _to_datetime(data.pop("day"))
        return data


class LinkForm(forms.Form):
    url = forms.URLField(label=_("Adresse du lien"), max_length=2000, assume_scheme="https")
    title = forms.CharField(label=_("Titre"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=Trace.Kind.choices, initial="document")
    day = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    note = LimitedTextField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    confidential = forms.BooleanField(label=_("Confidentiel"), required=False)

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["date"] = _to_datetime(data.pop("day"))
        return data


class TraceForm(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=300)
    kind = forms.ChoiceField(label=_("Type"), choices=Trace.Kind.choices)
    author = forms.CharField(label=_("Auteur ou expéditeur"), max_length=300, required=False)
    day = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    confidential = forms.BooleanField(
        label=_("Confidentiel"),
        required=False,
        help_text=Trace._meta.get_field("confidential").help_text,
    )
    objectives = forms.ModelMultipleChoiceField(
        label=_("Objectifs que cette trace illustre"),
        queryset=Objective.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Compétences que cette trace illustre"),
        queryset=DossierSkill.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    examples = forms.ModelMultipleChoiceField(
        label=_("Exemples qu'elle appuie"),
        queryset=Example.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the dossier's own objects can be chosen: another dossier's ids are invalid.
        self.fields["objectives"].queryset = dossier.objectives.all()  # type: ignore[attr-defined]
        self.fields["skills"].queryset = DossierSkill.objects.filter(  # type: ignore[attr-defined]
            dossier=dossier
        ).select_related("skill")
        self.fields["examples"].queryset = Example.objects.filter(dossier=dossier)  # type: ignore[attr-defined]

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        day = data.pop("day")
        data["date"] = _to_datetime(day)
        return data


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Tous"))] + list(Trace.Kind.choices), required=False
    )
    date_from = forms.DateField(label=_("Du"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Au"), required=False, widget=DateInput())
    objective = forms.ModelChoiceField(
        label=_("Objectif"), queryset=Objective.objects.none(), required=False
    )
    skill = forms.ModelChoiceField(
        label=_("Compétence"), queryset=DossierSkill.objects.none(), required=False
    )
    unlinked = forms.BooleanField(label=_("Liées à aucun objectif"), required=False)

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = dossier.objectives.all()  # type: ignore[attr-defined]
        self.fields["skill"].queryset = DossierSkill.objects.filter(  # type: ignore[attr-defined]
            dossier=dossier
        ).select_related("skill")
