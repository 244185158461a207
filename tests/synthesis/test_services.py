from __future__ import annotations

import io

import docx
import pytest
from pypdf import PdfReader

from bilan.documents.model import TRAME
from bilan.synthesis import services
from bilan.synthesis.generator import sections_generate
from bilan.synthesis.models import SynthesisVersion

from .conftest import SECRET


def test_sections_come_from_the_dossier(full_dossier):
    sections = sections_generate(dossier=full_dossier)
    assert list(sections) == list(TRAME)
    assert "Coopérative Terres du Rhône" in sections["introduction"]
    assert "3 publications par semaine" in sections["deroulement"]
    assert "Vidéaste indisponible" in sections["deroulement"]
    assert "**Brevo (1 → 3) —**" in sections["competences"]
    assert "42 % d'ouverture" in sections["competences"]
    # Canva has no example yet: a note to the intern, on screen, never in the text.
    assert "Canva" not in sections["competences"]
    notes = services.synthesis_notes(dossier=full_dossier, version=None)
    assert any("Canva" in note for _heading, note in notes)
    assert "J'ai préparé un script." in sections["difficultes"]
    assert "Brevo et Canva en autonomie" in sections["bilan_personnel"]
    assert "Présenter en dix diapositives" in sections["ouverture"]


def test_generated_in_the_dossier_language(full_dossier):
    full_dossier.language = "en"
    full_dossier.save()
    sections = sections_generate(dossier=full_dossier)
    assert "internship" in sections["introduction"].lower() or "I did" in sections["introduction"]


def test_user_text_is_escaped_not_formatted(dossier):
    from bilan.dossiers import services as dossiers

    objective = dossiers.objective_create(dossier=dossier, title="Le *vrai* **objectif**")
    dossiers.objective_update(objective=objective, status="done", actual="fait")
    version = services.synthesis_generate(dossier=dossier)
    document = services.synthesis_document(dossier=dossier, version=version)
    text = document.section("deroulement").text()
    assert "Le *vrai* **objectif**" in text


def test_versions_edit_and_regenerate_never_overwrite_edits(full_dossier):
    first = services.synthesis_generate(dossier=full_dossier)
    assert first.number == 1 and first.origin == SynthesisVersion.Origin.GENERATED
    assert services.synthesis_generate(dossier=full_dossier) == first  # no second draft
    synthesis = first.synthesis

    assert services.synthesis_save(synthesis=synthesis, sections=dict(first.sections)) is None
    edited = dict(first.sections, ouverture="Mon ouverture, écrite par moi.")
    second = services.synthesis_save(synthesis=synthesis, sections=edited)
    assert second.number == 2 and second.edited_keys() == {"ouverture"}

    from bilan.skills import services as skills

    skills.progress_axis_add(dossier=full_dossier, text="Un troisième axe")
    proposals = {p.key: p for p in services.synthesis_regenerate_proposal(synthesis=synthesis)}
    assert proposals["ouverture"].edited and proposals["ouverture"].changed
    assert "Un troisième axe" in proposals["ouverture"].proposed

    # Regenerating without ticking the edited section keeps the intern's words.
    assert services.synthesis_regenerate_apply(synthesis=synthesis, keys=set()) is None
    third = services.synthesis_regenerate_apply(synthesis=synthesis, keys={"introduction"})
    assert third is None  # introduction did not change: nothing to replace
    fourth = services.synthesis_regenerate_apply(synthesis=synthesis, keys={"ouverture"})
    assert fourth.number == 3
    assert "Un troisième axe" in fourth.sections["ouverture"]
    assert fourth.edited_keys() == set()
    assert list(synthesis.versions.values_list("number", flat=True)) == [3, 2, 1]


def test_compare_and_restore(full_dossier):
    first = services.synthesis_generate(dossier=full_dossier)
    second = services.synthesis_save(
        synthesis=first.synthesis, sections=dict(first.sections, introduction="Nouvelle intro.")
    )
    diffs = {d.heading: d for d in services.versions_compare(old=first, new=second)}
    assert diffs["Introduction"].changed
    assert ("+", "Nouvelle intro.") in diffs["Introduction"].lines
    assert not diffs["Ouverture"].changed
    restored = services.synthesis_restore(version=first)
    assert restored.number == 3 and restored.sections == first.sections


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md"])
def test_exports_never_leak_confidential_traces(full_dossier, fmt):
    services.synthesis_generate(dossier=full_dossier)
    rendered = services.synthesis_render(dossier=full_dossier, fmt=fmt)
    if fmt == "pdf":
        text = "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(rendered.content)).pages
        )
    elif fmt == "docx":
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(rendered.content)).paragraphs)
    else:
        text = rendered.content.decode()
    text = " ".join(text.split())
    assert "42 % d'ouverture" in text
    assert SECRET not in text


def test_pdf_page_count_is_real_and_long_ones_are_flagged(full_dossier):
    version = services.synthesis_generate(dossier=full_dossier)
    normal = services.synthesis_render(dossier=full_dossier, fmt="pdf")
    assert normal.pages == len(PdfReader(io.BytesIO(normal.content)).pages)
    assert normal.pages <= services.MAX_PAGES
    long_text = "\n\n".join(
        f"Paragraphe {n} : j'ai appris à organiser les réunions hebdomadaires de l'équipe projet."
        for n in range(120)
    )
    services.synthesis_save(
        synthesis=version.synthesis, sections=dict(version.sections, deroulement=long_text)
    )
    long = services.synthesis_render(dossier=full_dossier, fmt="pdf")
    condensed = services.synthesis_render(dossier=full_dossier, fmt="pdf", condensed=True)
    assert long.pages > services.MAX_PAGES
    assert condensed.pages <= long.pages
    text = " ".join(
        "".join(p.extract_text() for p in PdfReader(io.BytesIO(condensed.content)).pages).split()
    )
    assert "Paragraphe 0 :" in text and "Paragraphe 119 :" in text  # condensed, never cut


def test_docx_has_real_heading_styles(full_dossier):
    services.synthesis_generate(dossier=full_dossier)
    rendered = services.synthesis_render(dossier=full_dossier, fmt="docx")
    document = docx.Document(io.BytesIO(rendered.content))
    styles = {(p.style.name, p.text) for p in document.paragraphs}
    assert ("Title", "Bilan de fin de stage") in styles
    assert ("Heading 1", "Difficultés et solutions") in styles
    assert any(style == "List Bullet" for style, _ in styles)


def test_checklist_item_is_done_once_the_intern_reworked_the_draft(full_dossier):
    from bilan.overview.checklist import dossier_checklist

    def item():
        return next(i for i in dossier_checklist(full_dossier).items if i.key == "synthesis")

    assert item().available and not item().done
    version = services.synthesis_generate(dossier=full_dossier)
    assert not item().done and item().detail == "version 1"
    services.synthesis_save(
        synthesis=version.synthesis, sections=dict(version.sections, ouverture="À moi.")
    )
    assert item().done
