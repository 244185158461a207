"""The rating scales a tutor grid may use, modelled on French internship evaluation forms.

Values are stored as keys, unique across all scales, so an answer stays readable when a
dossier later switches scale; "" means "not rated".
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Choices = tuple[tuple[str, Promise], ...]

SCALES: dict[str, tuple[Promise, Choices]] = {
    "excellence": (
        _("Excellent / Très bien / Bien / Satisfaisant / Insuffisant"),
        (
            ("excellent", _("Excellent")),
            ("tres_bien", _("Très bien")),
            ("bien", _("Bien")),
            ("satisfaisant", _("Satisfaisant")),
            ("insuffisant", _("Insuffisant")),
        ),
    ),
    "attentes": (
        _("Supérieur / conforme / proche / inférieur aux attentes"),
        (
            ("superieur", _("Supérieur aux attentes")),
            ("conforme", _("Conforme aux attentes")),
            ("proche", _("Proche des attentes")),
            ("inferieur", _("Inférieur aux attentes")),
        ),
    ),
    "acquisition": (
        _("Acquis / En cours d'acquisition / Non acquis / Non observé"),
        (
            ("acquis", _("Acquis")),
            ("en_cours", _("En cours d'acquisition")),
            ("non_acquis", _("Non acquis")),
            ("non_observe", _("Non observé")),
        ),
    ),
}
DEFAULT_SCALE = "excellence"

# « Objectifs atteints ? » has its own answers whatever the grid's scale.
OBJECTIVE_CHOICES: Choices = (
    ("atteint", _("Atteint")),
    ("partiel", _("Partiellement atteint")),
    ("non_atteint", _("Non atteint")),
)


def scale_choices() -> list[tuple[str, Promise]]:
    return [(key, name) for key, (name, _values) in SCALES.items()]


def values_of(scale: str) -> Choices:
    return SCALES.get(scale, SCALES[DEFAULT_SCALE])[1]


def label_of(value: str) -> str:
    """The label of a stored value, whichever scale it came from; "" for "not rated"."""
    for _name, values in SCALES.values():
        for key, label in values:
            if key == value:
                return str(label)
    for key, label in OBJECTIVE_CHOICES:
        if key == value:
            return str(label)
    return value
