"""The cohort dashboard's filter form (GET): it only validates; the query lives in dashboard.py."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .dashboard import DEFAULT_SORT, SORTS, DashboardQuery


def _sort_choices() -> list[tuple[str, str]]:
    choices = []
    for key, label in SORTS.items():
        choices.append((key, _("%(label)s (croissant)") % {"label": label}))
        choices.append((f"-{key}", _("%(label)s (décroissant)") % {"label": label}))
    return choices


def page_size_choices() -> list[int]:
    limits = settings.BILAN_DASHBOARD
    sizes = {25, 50, 100, limits["page_size"], limits["page_size_max"]}
    return sorted(size for size in sizes if 0 < size <= limits["page_size_max"])


class DashboardFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=200,
        help_text=_("Nom, e-mail ou entreprise."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    readiness_below = forms.IntegerField(
        label=_("Préparation inférieure à (%)"), required=False, min_value=0, max_value=101
    )
    readiness_from = forms.IntegerField(
        label=_("Préparation d'au moins (%)"), required=False, min_value=0, max_value=100
    )
    missing_tutor_evaluation = forms.BooleanField(
        label=_("Évaluation du tuteur manquante"), required=False
    )
    not_submitted = forms.BooleanField(label=_("Synthèse non remise"), required=False)
    not_joined = forms.BooleanField(label=_("Pas encore inscrit"), required=False)
    sort = forms.ChoiceField(label=_("Trier par"), required=False, choices=_sort_choices)
    per_page = forms.TypedChoiceField(
        label=_("Stagiaires par page"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["per_page"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(size, str(size)) for size in page_size_choices()]

    def to_query(self) -> DashboardQuery:
        """The valid part of the input; a field in error is left out (its message is shown)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return DashboardQuery(
            search=(data.get("q") or "").strip(),
            readiness_below=data.get("readiness_below"),
            readiness_from=data.get("readiness_from"),
            missing_tutor_evaluation=bool(data.get("missing_tutor_evaluation")),
            not_submitted=bool(data.get("not_submitted")),
            not_joined=bool(data.get("not_joined")),
            sort=data.get("sort") or DEFAULT_SORT,
        )

    def page_size(self) -> int:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return data.get("per_page") or settings.BILAN_DASHBOARD["page_size"]
