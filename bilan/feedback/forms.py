from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bilan.dossiers.forms import LimitedTextField
from bilan.dossiers.models import Objective
from bilan.skills.models import DossierSkill

from . import scales
from .models import Answer, Criterion, FeedbackRequest, Grid


class InviteForm(forms.Form):
    name = forms.CharField(label=_("Nom"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    relationship = forms.ChoiceField(
        label=_("Relation"),
        choices=FeedbackRequest.Relationship.choices,
        initial=FeedbackRequest.Relationship.COLLEAGUE,
    )
    language = forms.ChoiceField(
        label=_("Langue des e-mails et du questionnaire"), choices=settings.LANGUAGES
    )
    anonymous = forms.BooleanField(
        label=_("Réponse anonyme"),
        required=False,
        help_text=FeedbackRequest._meta.get_field("anonymous").help_text,
    )
    message = LimitedTextField(
        label=_("Message personnel (facultatif)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=FeedbackRequest._meta.get_field("message").help_text,
    )

    def clean_name(self) -> str:
        value = self.cleaned_data["name"].strip()
        if not value:
            raise forms.ValidationError(_("Indiquez le nom de la personne."))
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        tutor = cleaned.get("relationship") == FeedbackRequest.Relationship.TUTOR
        if tutor and cleaned.get("anonymous"):
            self.add_error("anonymous", _("L'évaluation du tuteur ne peut pas être anonyme."))
        return cleaned


class CloseRoundForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Je clos la collecte : les liens cesseront de fonctionner et les réponses ne "
            "pourront plus être modifiées."
        ),
        error_messages={"required": _("Cochez la case pour confirmer la clôture.")},
    )


class RoundForm(forms.Form):
    grid = forms.ModelChoiceField(
        label=_("Grille d'évaluation du tuteur"), queryset=Grid.objects.none()
    )
    scale = forms.ChoiceField(label=_("Échelle"), choices=scales.scale_choices())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Built-in grids, plus the one the dossier has (an organisation's grid it was given).
        current = self.initial.get("grid")
        condition = Q(is_builtin=True)
        if current is not None:
            condition |= Q(pk=current.pk)
        grids = Grid.objects.filter(condition)
        self.fields["grid"].queryset = grids  # type: ignore[attr-defined]


class ColleagueForm(forms.Form):
    """Two minutes: strengths, one thing to improve, a situation, a skill that developed."""

    strengths = forms.ModelMultipleChoiceField(
        label=_("Points forts que vous avez observés"),
        queryset=DossierSkill.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    strengths_other = LimitedTextField(
        label=_("Autres points forts, dans vos mots (un par ligne)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    improve = LimitedTextField(
        label=_("Une chose à améliorer"), widget=forms.Textarea(attrs={"rows": 2})
    )
    situation = LimitedTextField(
        label=_("Une situation concrète dont vous vous souvenez"),
        required=True,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    developed = LimitedTextField(
        label=_("Une compétence que vous avez vue se développer"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    coached = frozenset({"improve", "situation", "developed"})
    texts_fields = ("strengths_other", "improve", "situation", "developed")

    def __init__(self, *args: Any, skills: list[DossierSkill], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["strengths"]
        queryset = DossierSkill.objects.filter(pk__in=[s.pk for s in skills])
        field.queryset = queryset  # type: ignore[attr-defined]
        field.label_from_instance = lambda item: item.label  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("strengths") and not cleaned.get("strengths_other", "").strip():
            self.add_error(
                "strengths",
                _("Cochez au moins un point fort, ou écrivez-en un dans vos mots."),
            )
        return cleaned

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in self.texts_fields}

    def service_kwargs(self) -> dict[str, Any]:
        return {"strengths": list(self.cleaned_data["strengths"]), **self.texts()}


class TutorForm(forms.Form):
    """The grid: one field per criterion, per objective and per skill the intern listed."""

    comment = LimitedTextField(
        label=_("Commentaire libre"), widget=forms.Textarea(attrs={"rows": 4})
    )
    improve = LimitedTextField(
        label=_("Un axe de progrès à travailler"), widget=forms.Textarea(attrs={"rows": 2})
    )
    host_again = forms.ChoiceField(
        label=_("Accueilleriez-vous un autre stagiaire ?"),
        choices=[("", "—"), *Answer.HostAgain.choices],
        required=False,
    )
    offers_recommendation = forms.BooleanField(
        label=_("Je propose de rédiger une recommandation ou d'être contacté·e comme référence"),
        required=False,
    )
    coached = frozenset({"comment", "improve"})
    texts_fields = ("comment", "improve")

    def __init__(
        self,
        *args: Any,
        criteria: list[Criterion],
        objectives: list[Objective],
        skills: list[DossierSkill],
        scale: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        values = [("", _("Non évalué")), *scales.values_of(scale)]
        self.groups: list[tuple[str, list[str]]] = []
        self.labels: dict[str, str] = {}
        for group, group_label in Criterion.Group.choices:
            names = []
            for criterion in (c for c in criteria if c.group == group):
                names.append(self._add(f"criterion:{criterion.pk}", criterion.label, values))
            if names:
                self.groups.append((str(group_label), names))
        objective_values = [("", _("Non évalué")), *scales.OBJECTIVE_CHOICES]
        names = [self._add(f"objective:{o.pk}", o.title, objective_values) for o in objectives]
        if names:
            self.groups.append((str(_("Objectifs atteints ?")), names))
        names = [self._add(f"skill:{s.pk}", s.label, values) for s in skills]
        if names:
            self.groups.append((str(_("Compétences citées par le ou la stagiaire")), names))

    def _add(self, key: str, label: str, choices: list[Any]) -> str:
        name = key.replace(":", "_")
        self.fields[name] = forms.ChoiceField(label=label, choices=choices, required=False)
        self.labels[name] = key
        return name

    def grouped(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(label, [self[name] for name in names]) for label, names in self.groups]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        rated = any(cleaned.get(name) for name in self.labels)
        if not rated and not cleaned.get("comment", "").strip():
            raise forms.ValidationError(_("Évaluez au moins un critère ou écrivez un commentaire."))
        return cleaned

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in self.texts_fields}

    def service_kwargs(self) -> dict[str, Any]:
        ratings = [
            {"key": key, "label": str(self.fields[name].label), "value": self.cleaned_data[name]}
            for name, key in self.labels.items()
            if self.cleaned_data.get(name)
        ]
        return {
            "ratings": ratings,
            "host_again": self.cleaned_data["host_again"],
            "offers_recommendation": self.cleaned_data["offers_recommendation"],
            **self.texts(),
        }
