"""Create or update a framework's skills in bulk; shared by the importer and the data migration.

Model classes are parameters so the data migration can pass its historical models. Skills absent
from the file are kept: interns' dossiers may point at them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .importers import SkillRow
from .textnorm import search_key

BATCH = 1000
SEARCHED = ("label_fr", "label_en", "alt_labels_fr", "alt_labels_en")
LEMMATISED = ("label_fr", "alt_labels_fr", "cues")
STEMMED_EN = ("label_en", "alt_labels_en")


@dataclass
class ImportCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _search_text(skill: Any) -> str:
    labels: list[str] = []
    for name in SEARCHED:
        labels.extend(getattr(skill, name).splitlines())
    return search_key(*labels)


def upsert_framework(
    framework_model: Any,
    skill_model: Any,
    *,
    key: str,
    name: str,
    source: str,
    rows: list[SkillRow],
    description: str = "",
    is_default: bool = False,
) -> ImportCounts:
    framework, created = framework_model.objects.get_or_create(
        key=key,
        defaults={
            "name": name,
            "source": source,
            "description": description,
            "is_default": is_default,
        },
    )
    if not created and (framework.name, framework.description) != (name, description):
        framework.name, framework.description = name, description
        framework.save(update_fields=["name", "description", "updated_at"])
    existing = {skill.code: skill for skill in skill_model.objects.filter(framework=framework)}
    counts = ImportCounts()
    to_create, to_update, changed_fields = [], [], set()
    for row in rows:
        skill = existing.get(row.code)
        if skill is None:
            skill = skill_model(framework=framework, code=row.code, **row.values)
            skill.search_text = _search_text(skill)
            to_create.append(skill)
            existing[row.code] = skill
            continue
        fields = [name for name, value in row.values.items() if getattr(skill, name) != value]
        if not fields:
            counts.unchanged += 1
            continue
        for name in fields:
            setattr(skill, name, row.values[name])
        skill.search_text = _search_text(skill)
        if any(name in LEMMATISED for name in fields):
            skill.lemma_keys = None
        if any(name in STEMMED_EN for name in fields):
            skill.stem_keys_en = None
        changed_fields.update(fields)
        to_update.append(skill)
    skill_model.objects.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        skill_model.objects.bulk_update(
            to_update,
            [*sorted(changed_fields), "search_text", "lemma_keys", "stem_keys_en"],
            batch_size=BATCH,
        )
    counts.created, counts.updated = len(to_create), len(to_update)
    return counts
