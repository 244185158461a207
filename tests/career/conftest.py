"""Career fixtures: a dossier with skills and STAR examples, as an intern would write them."""

from __future__ import annotations

import pytest

from bilan.dossiers import services as dossier_services
from bilan.skills import services as skills


@pytest.fixture
def filled(dossier):
    dossier_services.dossier_update(
        dossier=dossier,
        programme="BUT Information-Communication",
        school="IUT Lyon 3",
        tutor_name="Sophie Laurent",
        tutor_email="sophie@example.org",
    )
    canva = skills.dossier_skill_add(
        dossier=dossier, skill=None, label="Canva", family="technical", level_now=4
    )
    speak = skills.dossier_skill_add(
        dossier=dossier, skill=None, label="Prendre la parole en public", family="transversal"
    )
    skills.example_create(
        dossier=dossier,
        title="Refonte de la newsletter",
        situation="31 % d'ouverture.",
        task="Proposer une structure.",
        action="J'ai analysé les 12 derniers numéros et rédigé les éditos.",
        result="42 % d'ouverture en août ; ma tutrice ne relit plus que la forme.",
        learned="Partir des chiffres.",
        skills=[canva],
    )
    skills.example_create(
        dossier=dossier,
        title="Présentation au comité",
        action="J'ai fait une présentation de 25 diapositives.",
        result="Le comité a retenu les pistes.",
        skills=[speak],
    )
    return dossier
