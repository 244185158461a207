from __future__ import annotations

import pytest

from bilan.dossiers.mission import split_mission


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- Analyser le besoin\n- Rédiger le cahier des charges",
            ["Analyser le besoin", "Rédiger le cahier des charges"],
        ),
        ("1. Analyser\n2) Concevoir\n3° Tester", ["Analyser", "Concevoir", "Tester"]),
        (
            "• Suivre les chantiers\n• Préparer les devis",
            ["Suivre les chantiers", "Préparer les devis"],
        ),
        (
            "a) Accueillir les patients\nb) Préparer les soins",
            ["Accueillir les patients", "Préparer les soins"],
        ),
        (
            "Analyser le besoin\nRédiger la documentation",
            ["Analyser le besoin", "Rédiger la documentation"],
        ),
        (
            "Activités confiées :\n- Analyser le besoin\n- Tester",
            ["Analyser le besoin", "Tester"],
        ),
        (
            "- Analyser le besoin du client\n  et rédiger une note de synthèse\n- Tester",
            ["Analyser le besoin du client et rédiger une note de synthèse", "Tester"],
        ),
        (
            "Missions : analyser les ventes du trimestre; préparer le comité de direction",
            ["Analyser les ventes du trimestre", "Préparer le comité de direction"],
        ),
        ("- tester ;\n- Tester\n", ["Tester"]),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_split_mission(text, expected):
    assert split_mission(text) == expected


def test_split_mission_keeps_windows_line_endings_apart():
    assert split_mission("- Un\r\n- Deux\r\n") == ["Un", "Deux"]
