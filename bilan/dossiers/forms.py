from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from bilan.core.edits import EditVersionMixin

from .models import Dossier, JournalEntry, Objective


def _limit(name: str) -> int:
    return int(settings.BILAN_LIMITS[name])


class LimitedTextField(forms.CharField):
    """A text area whose limit message gives the size sent and the limit, not just "too long"."""

    def __init__(self, *, limit_name: str = "text_chars", **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        super().__init__(max_length=_limit(limit_name), **kwargs)
        self.error_messages["max_length"] = _(
            "Ce texte fait %(show_value)d caractères ; la limite est de %(limit_value)d. "
            "Raccourcissez-le ou découpez-le."
        )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DossierForm(EditVersionMixin, forms.ModelForm):
    mission_text = LimitedTextField(
        limit_name="mission_chars",
        label=_("Mission telle qu'écrite"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=Dossier._meta.get_field("mission_text").help_text,
    )

    class Meta:
        model = Dossier
        fields = [
            "organisation",
            "service",
            "location",
            "kind",
            "start_date",
            "end_date",
            "school",
            "programme",
            "tutor_name",
            "tutor_email",
            "tutor_role",
            "referent_name",
            "referent_email",
            "mission_text",
            "language",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def clean_organisation(self) -> str:
        value = self.cleaned_data["organisation"].strip()
        if not value:
            raise forms.ValidationError(_("Indiquez l'organisation qui vous accueille."))
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date", _("La date de fin doit être postérieure à la date de début.")
            )
        return cleaned

    def _post_clean(self) -> None:
        # The model's check constraint would repeat the end-before-start message.
        if not self.has_error("end_date"):
            super()._post_clean()  # type: ignore[misc]  # a private hook, not in the stubs


class MissionTextForm(forms.Form):
    text = LimitedTextField(
        limit_name="mission_chars",
        label=_("Objectifs proposés, un par ligne"),
        widget=forms.Textarea(attrs={"rows": 12}),
    )

    def titles(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["text"].splitlines() if line.strip()]


class ObjectiveSplitForm(MissionTextForm):
    text = LimitedTextField(
        label=_("Une ligne par objectif après la séparation"),
        required=True,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ObjectiveForm(EditVersionMixin, forms.ModelForm):
    title = LimitedTextField(
        label=_("Objectif"), required=True, widget=forms.Textarea(attrs={"rows": 2})
    )
    actual = LimitedTextField(label=_("Ce qui a réellement été fait"))
    contribution = LimitedTextField(label=_("Ma contribution personnelle"))
    reason = LimitedTextField(
        label=_("Raison du changement ou de l'abandon"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Objective
        fields = ["title", "unplanned", "status", "actual", "contribution", "reason"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            # Several objectives can be open for editing on one page: ids name the objective.
            kwargs.setdefault("auto_id", f"id_objective{instance.pk}_%s")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("status") in Objective.NEEDS_REASON
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error(
                "reason",
                _("Expliquez en une phrase pourquoi cet objectif a été modifié ou abandonné."),
            )
        return cleaned


class ObjectiveAddForm(forms.Form):
    title = LimitedTextField(label=_("Nouvel objectif"), required=True, widget=forms.TextInput())
    unplanned = forms.BooleanField(
        label=_("Tâche non prévue dans la mission initiale"), required=False
    )


class JournalEntryForm(EditVersionMixin, forms.ModelForm):
    text = LimitedTextField(
        label=_("Qu'avez-vous fait, appris, remarqué ?"),
        required=True,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = JournalEntry
        fields = ["date", "text", "tags"]
        widgets = {"date": DateInput()}

    def __init__(self, *args: Any, dossier: Dossier | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dossier = dossier or (self.instance.dossier if self.instance.dossier_id else None)
        if dossier is not None:
            self.fields["date"].help_text = _("Stage du %(start)s au %(end)s.") % {
                "start": date_format(dossier.start_date, "SHORT_DATE_FORMAT"),
                "end": date_format(dossier.end_date, "SHORT_DATE_FORMAT"),
            }
        if not self.is_bound and not self.instance.pk:
            today = timezone.localdate()
            self.initial.setdefault(
                "date", dossier.journal_default_date(today) if dossier else today
            )


class WeeksForm(EditVersionMixin, forms.ModelForm):
    first_week_note = LimitedTextField(label=_("Ce que je savais faire en arrivant"))
    mastered_now = LimitedTextField(label=_("Ce que je maîtrise désormais"))
    autonomy_gained = LimitedTextField(
        label=_("Ce que le stage m'a apporté en autonomie et en responsabilités"),
        help_text=_(
            "Par exemple : ce que l'on vous a confié seul, les décisions que vous avez prises, "
            "qui comptait sur vous."
        ),
    )

    class Meta:
        model = Dossier
        fields = ["first_week_note", "mastered_now", "autonomy_gained"]
