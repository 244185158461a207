"""A dossier whose synthesis has known sections, so the outline's figures can be checked."""

from __future__ import annotations

import pytest

from bilan.synthesis.models import Synthesis
from bilan.synthesis.services import synthesis_save

SECTIONS = {
    "introduction": "Stage de cinq mois au service communication de la coopérative.",
    "deroulement": (
        "J'ai d'abord repris la newsletter mensuelle. Ensuite j'ai lancé un benchmark "
        "des réseaux sociaux de six coopératives. " + "Détail du travail mené. " * 40
    ),
    "competences": (
        "- Rédaction web : douze articles publiés\n- Analyse de données : tableau de bord "
        "des publications\n- Animation de réunion"
    ),
    "difficultes": "Le planning changeait souvent. J'ai proposé un point hebdomadaire.",
    "bilan_personnel": "",
    "ouverture": "Je veux poursuivre en master communication des organisations.",
}


@pytest.fixture
def with_synthesis(dossier):
    synthesis = Synthesis.objects.create(dossier=dossier)
    synthesis_save(synthesis=synthesis, sections=SECTIONS)
    return dossier
