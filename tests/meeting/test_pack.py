"""The meeting pack: agenda, questions, then the synthesis; as a printable page and a PDF."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.urls import reverse

from bilan.documents.model import BulletList, Document, Paragraph, Run, Section
from bilan.documents.pdf_output import pdf_page_count
from bilan.meeting import services, views
from bilan.meeting.pack import meeting_pack_document

SYNTHESIS = Document(
    title="Bilan de fin de stage",
    sections=[
        Section("introduction", "Introduction", [Paragraph([Run("Stage de 21 semaines.")])]),
        Section(
            "competences",
            "Compétences acquises",
            [BulletList([[Run("Canva", bold=True), Run(" : 12 visuels <par mois>")]])],
        ),
    ],
)


def test_agenda_questions_then_synthesis(dossier):
    services.meeting_set(
        dossier=dossier,
        starts_at=dt.datetime(2026, 8, 26, 14, 0, tzinfo=ZoneInfo("Europe/Paris")),
        place="Salle du conseil",
    )
    services.meeting_question_pick(dossier=dossier, key="future:next")
    services.meeting_question_add(dossier=dossier, text="Mon idée ?", topic="other")
    document = meeting_pack_document(dossier=dossier, synthesis=SYNTHESIS)
    keys = [section.key for section in document.sections]
    assert keys == ["agenda", "questions", "synthesis", "introduction", "competences"]
    agenda = document.sections[0].blocks[0]
    assert isinstance(agenda, BulletList) and agenda.ordered
    assert agenda.texts[-1].startswith("Ouverture")
    questions = document.sections[1].blocks[0]
    assert isinstance(questions, BulletList)
    assert questions.texts[1] == "Mon idée ?" and "suite" in questions.texts[0]
    assert document.sections[2].heading == "Bilan de fin de stage"
    meta = dict(document.meta)
    assert meta["Lieu"] == "Salle du conseil" and "2026" in meta["Date"]
    assert meta["Stagiaire"] == "Camille Moreau"


def test_without_synthesis_nor_questions(dossier):
    document = meeting_pack_document(dossier=dossier, synthesis=None)
    assert [section.key for section in document.sections] == ["agenda", "questions"]
    assert "Aucune question retenue" in document.sections[1].text()


def test_printable_page_shows_the_synthesis(intern_client, dossier, monkeypatch):
    monkeypatch.setattr(views, "synthesis_document", lambda *, dossier, output: SYNTHESIS)
    services.meeting_question_add(dossier=dossier, text="Et après <demain> ?", topic="future")
    response = intern_client.get(reverse("meeting:pack", args=[dossier.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Ordre du jour") < page.index("Mes questions") < page.index("Introduction")
    assert "Et après &lt;demain&gt; ?" in page
    assert "<strong>Canva</strong> : 12 visuels &lt;par mois&gt;" in page
    assert "data-print" in page  # behaviours.js prints (no inline handler: the CSP)


def test_pdf(intern_client, dossier, monkeypatch):
    monkeypatch.setattr(views, "synthesis_document", lambda *, dossier, output: SYNTHESIS)
    response = intern_client.get(reverse("meeting:pack_pdf", args=[dossier.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert pdf_page_count(response.content) >= 1
