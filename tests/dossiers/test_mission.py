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


# --- Missions pasted from a PDF convention: inline bullets, numbers, wrapped lines. ---

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from bilan.dossiers.mission import split_objective  # noqa: E402

PASTED = [
    (
        "Missions : - Mettre en place un tableau de bord des ventes - Former les utilisateurs "
        "à l'outil - Rédiger la documentation technique - Participer aux réunions d'équipe",
        [
            "Mettre en place un tableau de bord des ventes",
            "Former les utilisateurs à l'outil",
            "Rédiger la documentation technique",
            "Participer aux réunions d'équipe",
        ],
    ),
    (
        "Activités : • Gérer les e-mails des clients • Préparer la mise à jour du site "
        "• Organiser la visite de Saint-Denis",
        [
            "Gérer les e-mails des clients",
            "Préparer la mise à jour du site",
            "Organiser la visite de Saint-Denis",
        ],
    ),
    (
        "Missions confiées : 1) Analyser le besoin 2) Concevoir la base 3) Tester l'outil",
        ["Analyser le besoin", "Concevoir la base", "Tester l'outil"],
    ),
    (
        "1. Analyser le besoin 2. Concevoir la base de données 3. Former les équipes",
        ["Analyser le besoin", "Concevoir la base de données", "Former les équipes"],
    ),
    (
        "Suivre les chantiers de rénovation ; préparer les devis du trimestre ; "
        "mettre à jour le planning",
        [
            "Suivre les chantiers de rénovation",
            "Préparer les devis du trimestre",
            "Mettre à jour le planning",
        ],
    ),
    (
        "Tâches principales : accueil ; facturation ; relances clients",
        ["Accueil", "Facturation", "Relances clients"],
    ),
    ("Il arrive ; il repart", ["Il arrive ; il repart"]),
    # Copied from a PDF: an item wraps, a word is hyphenated across the line break.
    (
        "Activités confiées :\n- Mettre en place un outil de suivi des ventes et le dévelop-\n"
        "pement des tableaux de bord\n- Former les équipes commerciales à l'utilisation\n"
        "du nouvel outil\n- Rédiger la documentation",
        [
            "Mettre en place un outil de suivi des ventes et le développement des tableaux de bord",
            "Former les équipes commerciales à l'utilisation du nouvel outil",
            "Rédiger la documentation",
        ],
    ),
    (
        "Le stagiaire sera chargé de mettre en place un outil de suivi des\n"
        "ventes et de former les équipes commerciales.\nIl rédigera la documentation.",
        [
            "Le stagiaire sera chargé de mettre en place un outil de suivi des ventes et de "
            "former les équipes commerciales",
            "Il rédigera la documentation",
        ],
    ),
    # Hyphens inside words, dashes between dates and asides are not bullets.
    (
        "Stage du 2 mars - 26 juin 2026 : mettre à jour le site de Saint-Denis",
        ["Stage du 2 mars - 26 juin 2026 : mettre à jour le site de Saint-Denis"],
    ),
    (
        "Participer au projet – un outil interne – puis former les équipes",
        ["Participer au projet – un outil interne – puis former les équipes"],
    ),
    (
        "Accueil de 9 h - 17 h et gestion des e-mails",
        ["Accueil de 9 h - 17 h et gestion des e-mails"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), PASTED)
def test_split_mission_as_pasted(text, expected):
    assert split_mission(text) == expected


_WORDS = [
    "analyser", "rédiger", "e-mail", "Saint-Denis", "mise", "à", "jour", "tableau", "de",
    "bord", "clients", "2026", "mars", "juin", "l'outil", "équipes", "porte-parole", "suivi",
]  # fmt: skip
_items = st.lists(
    st.lists(st.sampled_from(_WORDS), min_size=2, max_size=8).map(
        lambda words: " ".join(["Préparer", *words])
    ),
    min_size=2,
    max_size=6,
    unique_by=str.casefold,
)
_STYLES = {
    "lines": lambda items: "\n".join(f"- {item}" for item in items),
    "inline dashes": lambda items: "Missions : " + " ".join(f"- {item}" for item in items),
    "inline en dashes": lambda items: "Missions : " + " ".join(f"– {item}" for item in items),
    "bullets": lambda items: " ".join(f"• {item}" for item in items),
    "semicolons": lambda items: " ; ".join(items),
    "numbers )": lambda items: " ".join(f"{n}) {item}" for n, item in enumerate(items, 1)),
    "numbers .": lambda items: " ".join(f"{n}. {item}" for n, item in enumerate(items, 1)),
}


@settings(max_examples=60, deadline=None)
@given(items=_items, style=st.sampled_from(sorted(_STYLES)))
def test_every_list_style_gives_back_its_items(items, style):
    assert split_mission(_STYLES[style](items)) == items


@settings(max_examples=60, deadline=None)
@given(item=_items.map(lambda items: " ".join(items)))
def test_hyphens_in_words_and_date_ranges_never_split(item):
    text = f"{item} du 2 mars - 26 juin avec l'e-mail de Saint-Denis"
    assert split_mission(text) == [text]


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=300))
def test_split_is_stable_and_never_yields_blank_items(text):
    parts = split_mission(text)
    assert all(part.strip() for part in parts)
    assert split_mission("\n".join(parts)) == parts


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Analyser les ventes du trimestre ; Préparer le comité de direction",
            ["Analyser les ventes du trimestre", "Préparer le comité de direction"],
        ),
        ("Analyser les ventes. Préparer le comité.", ["Analyser les ventes", "Préparer le comité"]),
        ("Mettre à jour le site", ["Mettre à jour le site"]),
        (
            "Former les utilisateurs à l'outil et rédiger le guide",
            ["Former les utilisateurs à l'outil", "Rédiger le guide"],
        ),
        ("Suivre le chantier et le dossier client", ["Suivre le chantier et le dossier client"]),
        (
            "Gérer les stocks et entre autres les commandes",
            ["Gérer les stocks et entre autres les commandes"],
        ),
    ],
)
def test_split_objective_proposes_its_parts(title, expected):
    assert split_objective(title) == expected
