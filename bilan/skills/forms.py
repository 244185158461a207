from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bilan.core.edits import EditVersionMixin
from bilan.dossiers.forms import LimitedTextField
from bilan.dossiers.models import Dossier, Objective

from . import scale
from .models import DossierSkill, Example, Family, Feelings, Framework, Highlight, Skill


def level_choices() -> list[tuple[Any, str | Promise]]:
    return [("", _("— non évalué —")), *scale.choices()]


class GroupedFieldsMixin:
    """Checkbox groups get a fieldset and legend; the other fields go to _form_fields.html."""

    def simple_fields(self) -> list[forms.BoundField]:
        return [f for f in self if f.widget_type != "checkboxselectmultiple"]  # type: ignore[attr-defined]

    def group_fields(self) -> list[forms.BoundField]:
        return [f for f in self if f.widget_type == "checkboxselectmultiple"]  # type: ignore[attr-defined]


class LevelField(forms.TypedChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=level_choices, coerce=int, empty_value=None, required=False, **kwargs
        )


class SkillChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.label if hasattr(obj, "label") else str(obj)


def _clean_text(value: str, message: Any) -> str:
    value = " ".join(value.split())
    if not value:
        raise forms.ValidationError(message)
    return value


class FreeSkillForm(forms.Form):
    label = forms.CharField(
        label=_("Compétence, dans vos mots"),
        max_length=300,
        error_messages={"required": _("Nommez la compétence.")},
    )
    family = forms.ChoiceField(label=_("Famille"), choices=Family.choices)
    level_before = LevelField(label=_("Niveau à l'arrivée"))
    level_now = LevelField(label=_("Niveau aujourd'hui"))

    def clean_label(self) -> str:
        return _clean_text(self.cleaned_data["label"], _("Nommez la compétence."))


class SkillSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Chercher dans les référentiels"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=_("Par exemple : réactivité, tableur, gestion de projet. Accents facultatifs."),
    )
    framework = forms.ModelChoiceField(
        label=_("Référentiel"),
        queryset=Framework.objects.none(),
        required=False,
        empty_label=_("Tous mes référentiels"),
    )

    def __init__(self, *args: Any, frameworks: list[Framework], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.frameworks = frameworks
        field = self.fields["framework"]
        field.queryset = Framework.objects.filter(pk__in=[f.pk for f in frameworks])  # type: ignore[attr-defined]

    def chosen_frameworks(self) -> list[Framework]:
        chosen = self.cleaned_data.get("framework")
        return [chosen] if chosen else self.frameworks


class PickSkillForm(forms.Form):
    skill = forms.ModelChoiceField(
        queryset=Skill.objects.none(),
        error_messages={"invalid_choice": _("Cette compétence n'est pas dans vos référentiels.")},
    )
    level_before = LevelField(label=_("Niveau à l'arrivée"))
    level_now = LevelField(label=_("Niveau aujourd'hui"))

    def __init__(self, *args: Any, frameworks: list[Framework], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = Skill.objects.filter(framework__in=frameworks)  # type: ignore[attr-defined]


class DossierSkillForm(EditVersionMixin, forms.ModelForm):
    level_before = LevelField(label=_("Niveau à l'arrivée"))
    level_now = LevelField(label=_("Niveau aujourd'hui"))
    note = LimitedTextField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ce que vous saviez avant, ce que vous maîtrisez désormais."),
    )

    class Meta:
        model = DossierSkill
        fields = ["custom_label", "family", "level_before", "level_now", "note"]
        labels = {"custom_label": _("Compétence, dans vos mots")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.skill_id:
            del self.fields["custom_label"]
        else:
            self.fields["custom_label"].required = True

    def clean_custom_label(self) -> str:
        return _clean_text(self.cleaned_data["custom_label"], _("Nommez la compétence."))


class FrameworksForm(GroupedFieldsMixin, forms.Form):
    frameworks = forms.ModelMultipleChoiceField(
        label=_("Référentiels actifs pour ce dossier"),
        queryset=Framework.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins un référentiel.")},
    )


class ExampleForm(EditVersionMixin, GroupedFieldsMixin, forms.ModelForm):
    situation = LimitedTextField(label=_("Situation — le contexte"))
    task = LimitedTextField(label=_("Tâche — ce qu'on attendait de vous"))
    action = LimitedTextField(label=_("Action — ce que vous avez fait, vous"))
    result = LimitedTextField(label=_("Résultat — ce qui en est sorti, chiffré si possible"))
    learned = LimitedTextField(label=_("Ce que j'en retiens"))
    skills = SkillChoiceField(
        label=_("Compétences illustrées"),
        queryset=DossierSkill.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    objectives = forms.ModelMultipleChoiceField(
        label=_("Objectifs liés"),
        queryset=Objective.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Example
        fields = ["title", "situation", "task", "action", "result", "learned"]
        labels = {"title": _("Titre de l'exemple")}

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skills"].queryset = dossier.skills.select_related("skill")  # type: ignore[attr-defined]
        self.fields["objectives"].queryset = dossier.objectives.all()  # type: ignore[attr-defined]
        if self.instance.pk and not self.is_bound:
            self.initial["skills"] = list(self.instance.skills.values_list("pk", flat=True))
            self.initial["objectives"] = list(self.instance.objectives.values_list("pk", flat=True))

    def clean_title(self) -> str:
        return _clean_text(self.cleaned_data["title"], _("Donnez un titre à l'exemple."))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "action" in cleaned and not cleaned["action"].strip():
            self.add_error("action", _("Décrivez au moins l'action : ce que vous avez fait, vous."))
        return cleaned

    def _post_clean(self) -> None:
        # The service saves the instance and its links; the form only validates.
        pass


class HighlightForm(EditVersionMixin, GroupedFieldsMixin, forms.ModelForm):
    description = LimitedTextField(label=_("Ce qui s'est passé"))
    solution = LimitedTextField(label=_("Solution trouvée"))
    resources = LimitedTextField(
        label=_("Ressources mobilisées"),
        help_text=_("Une personne, un document, un outil, une formation…"),
    )
    lesson = LimitedTextField(label=_("Ce que j'en retiens"))
    examples = forms.ModelMultipleChoiceField(
        label=_("Exemples liés"),
        queryset=Example.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Highlight
        fields = ["title", "description", "solution", "resources", "lesson"]

    def __init__(self, *args: Any, dossier: Dossier, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["examples"].queryset = dossier.examples.all()  # type: ignore[attr-defined]
        if kind == Highlight.Kind.SUCCESS:
            del self.fields["solution"]
            del self.fields["resources"]
            self.fields["title"].label = _("La réussite, en une phrase")
        else:
            self.fields["title"].label = _("La difficulté, en une phrase")
        if self.instance.pk and not self.is_bound:
            self.initial["examples"] = list(self.instance.examples.values_list("pk", flat=True))

    def clean_title(self) -> str:
        return _clean_text(self.cleaned_data["title"], _("Résumez-la en une phrase."))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.kind == Highlight.Kind.DIFFICULTY and not (
            cleaned.get("solution", "").strip() or cleaned.get("resources", "").strip()
        ):
            self.add_error(
                "solution",
                _(
                    "Indiquez la solution trouvée ou les ressources mobilisées : c'est ce qui "
                    "intéresse le tuteur."
                ),
            )
        return cleaned

    def _post_clean(self) -> None:
        pass


class FeelingsForm(EditVersionMixin, forms.ModelForm):
    culture = LimitedTextField(label=_("Ce que je retiens de la culture d'entreprise"))
    atmosphere = LimitedTextField(label=_("L'ambiance"))
    team = LimitedTextField(label=_("La relation avec l'équipe"))
    motivation = LimitedTextField(label=_("Ce qui me motive (ou pas)"))
    applications = LimitedTextField(
        label=_("Applications concrètes pour mes études ou ma carrière")
    )

    class Meta:
        model = Feelings
        fields = ["culture", "atmosphere", "team", "motivation", "applications"]


class AxisForm(forms.Form):
    text = forms.CharField(
        label=_("Nouvel axe de progrès, dans vos mots"),
        max_length=300,
        error_messages={"required": _("Écrivez l'axe de progrès.")},
        help_text=_("Par exemple : « Préparer mes présentations en 10 diapositives maximum »."),
    )

    def clean_text(self) -> str:
        return _clean_text(self.cleaned_data["text"], _("Écrivez l'axe de progrès."))


class AcceptSuggestionForm(forms.Form):
    with_example = forms.BooleanField(
        label=_("Créer aussi un exemple à partir de cette phrase"), required=False
    )
