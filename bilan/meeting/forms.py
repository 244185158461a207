from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bilan.core.edits import EditVersionMixin
from bilan.dossiers.forms import LimitedTextField

from .models import Question, Record


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Date et heure de l'entretien"), widget=DateTimeInput())
    duration_minutes = forms.IntegerField(
        label=_("Durée (minutes)"), min_value=15, max_value=480, initial=60
    )
    place = forms.CharField(label=_("Lieu"), max_length=300, required=False)


class QuestionForm(EditVersionMixin, forms.Form):
    text = forms.CharField(
        label=_("Question"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Écrivez la question.")},
    )
    topic = forms.ChoiceField(
        label=_("Thème"), choices=Question.Topic.choices, initial=Question.Topic.FUTURE
    )

    def clean_text(self) -> str:
        value = self.cleaned_data["text"].strip()
        if not value:
            raise forms.ValidationError(_("Écrivez la question."))
        return value


class PickForm(forms.Form):
    key = forms.CharField(max_length=50)


class RecordForm(EditVersionMixin, forms.Form):
    tutor_said = LimitedTextField(label=_("Ce que le tuteur a dit"))
    agreed_axes = LimitedTextField(label=_("Axes de progrès convenus"))
    next_steps = LimitedTextField(label=_("Prochaines étapes"))
    recommendation = forms.ChoiceField(
        label=_("Lettre de recommandation"), choices=Record.Recommendation.choices
    )


class CorrectionForm(forms.Form):
    comment = LimitedTextField(
        label=_("Ce qui doit être corrigé"),
        required=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Indiquez ce qui doit être corrigé.")},
    )

    def clean_comment(self) -> str:
        value = self.cleaned_data["comment"].strip()
        if not value:
            raise forms.ValidationError(_("Indiquez ce qui doit être corrigé."))
        return value
