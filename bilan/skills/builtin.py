"""The two frameworks shipped with Bilan, kept as CSV in the custom format (see README.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .importers import parse_custom
from .upsert import ImportCounts, upsert_framework

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Builtin:
    key: str
    name: str
    description: str
    file: str


# Names stay in French in the database (like imported labels); the UI shows them as stored.
BUILTINS = (
    Builtin(
        key="bilan",
        name="Bilan — compétences du bilan de fin de stage",
        description=(
            "Les trois familles de la méthode : techniques (à nommer vous-même le plus "
            "souvent), transversales et comportementales."
        ),
        file="bilan_default.csv",
    ),
    Builtin(
        key="savoir-etre",
        name="France Travail — savoir-être professionnels (ROME 4.0)",
        description=(
            "Les savoir-être professionnels du ROME 4.0, avec leurs codes OGR. "
            "Source : France Travail — ROME 4.0, Licence Ouverte / Etalab 2.0."
        ),
        file="savoir_etre.csv",
    ),
)
DEFAULT_KEYS = tuple(builtin.key for builtin in BUILTINS)


def ensure_builtins(framework_model: Any, skill_model: Any) -> dict[str, ImportCounts]:
    """Idempotent: run by the data migration and by `skills_builtin_ensure()`."""
    return {
        builtin.key: upsert_framework(
            framework_model,
            skill_model,
            key=builtin.key,
            name=builtin.name,
            source="builtin",
            description=builtin.description,
            is_default=True,
            rows=parse_custom(DATA / builtin.file),
        )
        for builtin in BUILTINS
    }
