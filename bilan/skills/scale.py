"""The self-assessment scale, in one module so a school can bring its own later.

A level is an integer; 0 is never used, "not assessed" is None. Labels and descriptions are
plain words an intern understands without a rubric.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Level:
    value: int
    label: Promise
    description: Promise


LEVELS: tuple[Level, ...] = (
    Level(
        1,
        _("Découverte"),
        _("Je ne l'avais jamais pratiqué, ou seulement en cours."),
    ),
    Level(
        2,
        _("Avec de l'aide"),
        _("Je sais le faire avec des consignes ou l'aide de quelqu'un."),
    ),
    Level(
        3,
        _("Autonome"),
        _("Je le fais seul·e, dans des situations courantes, sans être repris·e."),
    ),
    Level(
        4,
        _("Maîtrise"),
        _("Je le fais dans des situations nouvelles et je peux l'expliquer à d'autres."),
    ),
)

MAX_LEVEL = max(level.value for level in LEVELS)


def choices() -> list[tuple[int, str]]:
    return [(level.value, f"{level.value} — {level.label}") for level in LEVELS]


def label_of(value: int | None) -> str:
    for level in LEVELS:
        if level.value == value:
            return str(level.label)
    return ""
