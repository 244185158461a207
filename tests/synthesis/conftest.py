from __future__ import annotations

import datetime as dt

import pytest

from bilan.dossiers import services as dossiers
from bilan.evidence import services as evidence
from bilan.skills import services as skills

SECRET = "SECRET-CONFIDENTIEL-4242"


@pytest.fixture
def full_dossier(dossier):
    """A dossier with what the synthesis draws on, and a confidential trace it must not leak."""
    first, second, third = dossiers.objectives_import(
        dossier=dossier, titles=["Animer les réseaux sociaux", "Rédiger la newsletter", "Vidéo"]
    )
    dossiers.objective_update(
        objective=first, status="done", actual="3 publications par semaine sur Instagram."
    )
    dossiers.objective_update(
        objective=second, status="partial", actual="5 numéros envoyés d'avril à août."
    )
    dossiers.objective_update(objective=third, status="dropped", reason="Vidéaste indisponible.")
    skill = skills.dossier_skill_add(
        dossier=dossier, label="Brevo", family="technical", level_before=1, level_now=3
    )
    skills.dossier_skill_add(dossier=dossier, label="Canva", family="technical")
    skills.example_create(
        dossier=dossier,
        title="Newsletter",
        situation="La newsletter plafonnait à 31 % d'ouverture.",
        task="La refondre.",
        action="J'ai proposé trois rubriques.",
        result="42 % d'ouverture en août.",
        learned="Tester avant de généraliser.",
        skills=[skill],
    )
    skills.highlight_create(
        dossier=dossier,
        kind="difficulty",
        title="Appeler les producteurs",
        description="Je repoussais les appels.",
        solution="J'ai préparé un script.",
        resources="Ma tutrice",
        lesson="Préparer lève l'appréhension.",
    )
    skills.progress_axis_add(dossier=dossier, text="Présenter en dix diapositives")
    skills.progress_axis_add(dossier=dossier, text="Donner mon avis en réunion")
    dossiers.dossier_update(dossier=dossier, mastered_now="Brevo et Canva en autonomie.")
    evidence.trace_create_note(
        dossier=dossier,
        title=f"Note {SECRET}",
        note=f"Contenu {SECRET}",
        confidential=True,
        date=dt.datetime(2026, 5, 1, tzinfo=dt.UTC),
    )
    return dossier
