"""What the tutor receives: no note to the intern, the intern's own contribution, French
typography, in every export format, for the demo and for a fresh, sparse dossier."""

from __future__ import annotations

import io
import re

import docx
import pytest
from django.core.management import call_command
from pypdf import PdfReader

from bilan.dossiers import services as dossiers
from bilan.dossiers.models import Dossier
from bilan.skills import services as skills
from bilan.synthesis import services
from bilan.synthesis.models import SynthesisVersion

# Words that only ever address the intern (prompts, to-dos), in both languages.
INTERN_ONLY = [
    "À illustrer",
    "Décrivez ici",
    "donnez un exemple concret",
    "Quelle difficulté avez-vous",
    "Qu'est-ce que ce stage vous a apporté",
    "Quels axes de progrès retenez-vous",
    "To illustrate",
    "Describe your main tasks",
]


def _texts(dossier: Dossier) -> dict[str, str]:
    pdf = services.synthesis_render(dossier=dossier, fmt="pdf").content
    word = docx.Document(io.BytesIO(services.synthesis_render(dossier=dossier, fmt="docx").content))
    markdown = services.synthesis_render(dossier=dossier, fmt="md").content.decode("utf-8")
    return {
        "pdf": "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages),
        "docx": "\n".join(
            [paragraph.text for paragraph in word.paragraphs]
            + [cell.text for table in word.tables for row in table.rows for cell in row.cells]
        ),
        "md": markdown,
    }


def _assert_for_readers(texts: dict[str, str]) -> None:
    for fmt, text in texts.items():
        flat = " ".join(text.replace("\u2019", "'").split())
        for words in INTERN_ONLY:
            assert words.lower() not in flat.lower(), (fmt, words)
        assert "prévu :" not in flat and "réalisé :" not in flat, fmt
        if fmt != "pdf":  # the PDF's text layer does not keep the kind of space
            # French typography: never a plain space before ; : ? ! or inside « ».
            assert not re.search(r"\w [;:?!](\s|$)", text), fmt
            assert "« " not in text and " »" not in text, fmt
            assert "\u202f:" in text, fmt


@pytest.mark.slow
def test_demo_exports_are_for_the_reader(db):
    call_command("demo", stdout=io.StringIO())
    dossier = Dossier.objects.get()
    texts = _texts(dossier)
    _assert_for_readers(texts)
    # "Ma contribution", the heart of a bilan, is in every format.
    contributions = [o.contribution for o in dossier.objectives.exclude(contribution="")]
    assert contributions
    for fmt, text in texts.items():
        flat = " ".join(text.split()).replace("\u202f", " ")
        assert "Ma contribution" in flat, fmt
        assert " ".join(contributions[0].split())[:40].replace("\u202f", " ") in flat.replace(
            "\u202f", " "
        ), fmt


def test_fresh_sparse_dossier_exports_are_for_the_reader(dossier):
    first, _second, _third = dossiers.objectives_import(
        dossier=dossier, titles=["Animer les réseaux sociaux", "Rédiger la newsletter", "Vidéo"]
    )
    dossiers.objective_update(
        objective=first,
        status="done",
        actual="Trois publications par semaine.",
        contribution="J'ai écrit le calendrier éditorial seule.",
    )
    skills.dossier_skill_add(dossier=dossier, label="Canva", family="technical")
    services.synthesis_generate(dossier=dossier)
    texts = _texts(dossier)
    _assert_for_readers(texts)
    for fmt, text in texts.items():
        flat = " ".join(text.split()).replace("\u202f", " ")
        assert "J'ai écrit le calendrier éditorial seule." in flat.replace("\u2019", "'"), fmt
        assert "Sur les 3 objectifs de mon stage, 1 a été réalisé et 2 restent à mener." in (
            flat.replace("\u2019", "'")
        ), fmt
    # The to-dos are on screen instead.
    notes = dict(services.synthesis_notes(dossier=dossier, version=None))
    assert "Canva" in notes["Compétences acquises"]


def test_to_dos_in_an_older_draft_stay_out_of_the_exports(dossier):
    version = services.synthesis_generate(dossier=dossier)
    SynthesisVersion.objects.filter(pk=version.pk).update(
        sections={
            **version.sections,
            "competences": "*À illustrer d'un exemple :* Canva, Brevo.\n\nJ'ai appris Canva.",
            "difficultes": "Quelle difficulté avez-vous rencontrée, et comment l'avez-vous "
            "surmontée ?",
        }
    )
    texts = _texts(dossier)
    _assert_for_readers(texts)
    assert "J'ai appris Canva." in texts["md"].replace("\u2019", "'")


def test_to_dos_are_on_screen(intern_client, dossier):
    from django.urls import reverse

    skills.dossier_skill_add(dossier=dossier, label="Canva", family="technical")
    services.synthesis_generate(dossier=dossier)
    home = intern_client.get(reverse("synthesis:home", args=[dossier.pk])).content.decode()
    assert "À compléter" in home and "Canva." in home
    assert "apparaissent dans aucun export" in home
    edit = intern_client.get(reverse("synthesis:edit", args=[dossier.pk])).content.decode()
    assert 'placeholder="Quelle difficulté avez-vous rencontrée' in edit
