"""Skills fixtures: the real reference data when present, spaCy once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bilan.skills import services
from bilan.skills.models import Framework, Skill


def shared_data() -> Path:
    configured = os.environ.get("BILAN_SHARED_DIR")
    if configured:
        return Path(configured) / "data"
    return (Path(__file__).resolve().parents[2] / ".." / "shared" / "data").resolve()


@pytest.fixture
def data_dir() -> Path:
    path = shared_data()
    if not (path / "esco-fr").is_dir() or not (path / "rome-v460").is_dir():
        pytest.skip(f"reference data not found at {path} (set BILAN_SHARED_DIR)")
    return path


@pytest.fixture(scope="session")
def nlp():
    from bilan.skills.nlp import get_nlp

    return get_nlp()


@pytest.fixture
def builtin_skill(db):
    def get(key: str, code: str) -> Skill:
        return Skill.objects.get(framework__key=key, code=code)

    return get


@pytest.fixture
def team_skill(builtin_skill) -> Skill:
    return builtin_skill("bilan", "TRANS-EQUIPE")


@pytest.fixture
def defaults(db) -> list[Framework]:
    return list(Framework.objects.filter(is_default=True))


@pytest.fixture
def kept(dossier, team_skill):
    return services.dossier_skill_add(dossier=dossier, skill=team_skill, level_before=1)
