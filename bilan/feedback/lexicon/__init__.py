"""Words a comment about a person should not contain (CNIL): one data module per language.

Entries are matched on whole words without accents or case; a trailing "*" matches any
ending ("malad*" → malade, maladie, maladies). Multi-word entries match as a phrase.
"""

from __future__ import annotations

from types import ModuleType

from . import en, fr

CATEGORIES = ("health", "private_life", "opinions", "insults")

_MODULES: dict[str, ModuleType] = {"fr": fr, "en": en}


def words(language: str) -> dict[str, tuple[str, ...]]:
    module = _MODULES.get(language[:2], fr)
    return {category: getattr(module, category.upper()) for category in CATEGORIES}
