"""The referent's view of an intern: what is always there, what only sharing opens, and the
access log entry each reading leaves."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from bilan.dossiers import services as dossier_services
from bilan.evidence.models import Trace
from bilan.feedback import services as feedback_services
from bilan.feedback.models import FeedbackRequest
from bilan.jobs.services import jobs_run_pending
from bilan.meeting import services as meeting_services
from bilan.schools.models import AccessLog, Enrolment
from bilan.schools.sharing import synthesis_submit
from bilan.skills import services as skills_services
from bilan.synthesis.services import synthesis_generate, synthesis_save

from .conftest import School

PARIS = ZoneInfo("Europe/Paris")

JOURNAL = "Réunion difficile avec le client Chardon ce matin."
FEELING = "Une ambiance très bienveillante, équipe web soudée."
TUTOR_TEXT = "Prendre davantage la parole en réunion."
SUBMITTED = "Texte de la version rendue, marqueur SOUMIS-42."
DRAFT = "Texte du brouillon suivant, marqueur BROUILLON-77."
SECRET_TRACE = "Contrat confidentiel du fournisseur"
OPEN_TRACE = "Compte rendu du comité de pilotage"


@pytest.fixture
def full_dossier(school: School, dossier):
    """A dossier with something in every part, a version handed in and a later draft."""
    dossier_services.objective_create(dossier=dossier, title="Animer les réseaux sociaux")
    dossier_services.objective_create(
        dossier=dossier, title="Rédiger la newsletter", status="done", actual="Six numéros."
    )
    dossier_services.journal_entry_create(dossier=dossier, date=dt.date(2026, 5, 4), text=JOURNAL)
    skills_services.feelings_update(dossier=dossier, atmosphere=FEELING)
    tutor = feedback_services.feedback_request_create(
        dossier=dossier,
        name="Sophie Laurent",
        email="sophie@example.org",
        relationship=FeedbackRequest.Relationship.TUTOR,
    )
    jobs_run_pending()
    tutor.refresh_from_db()
    feedback_services.feedback_answer_submit(feedback_request=tutor, improve=TUTOR_TEXT)
    meeting_services.meeting_set(
        dossier=dossier, starts_at=dt.datetime(2026, 8, 27, 10, 30, tzinfo=PARIS)
    )
    for title, confidential in ((SECRET_TRACE, True), (OPEN_TRACE, False)):
        Trace.objects.create(
            dossier=dossier,
            source=Trace.Source.UPLOAD,
            title=title,
            confidential=confidential,
            file=ContentFile(f"contenu de {title}".encode(), name="t.txt"),
            filename="t.txt",
        )
    first = synthesis_generate(dossier=dossier)
    synthesis_save(synthesis=first.synthesis, sections={"introduction": SUBMITTED})
    synthesis_submit(enrolment=Enrolment.objects.get(pk=school.enrolment.pk))
    synthesis_save(synthesis=first.synthesis, sections={"introduction": DRAFT})
    return dossier


def url(school: School, name: str, *extra) -> str:
    return reverse(name, args=[school.cohort.pk, school.enrolment.pk, *extra])


def share(school: School, **flags) -> None:
    Enrolment.objects.filter(pk=school.enrolment.pk).update(**flags)


def test_the_overview_shows_what_is_always_visible_and_nothing_else(
    school, full_dossier, referent_client
):
    page = referent_client.get(url(school, "schools:intern")).content.decode()
    assert "Coopérative Terres du Rhône" in page and "Communication" in page
    assert "Animer les réseaux sociaux" in page and "Réalisé" in page
    total = full_dossier.objectives.count()
    assert total >= 2
    assert f"Objectifs revus : 1 sur {total}" in page
    assert "1 sur 1 demandés" in page
    assert "27 août 2026" in page
    assert " %</strong>" in page  # readiness
    assert "version 2 rendue le" in page  # v1 generated, v2 handed in, v3 a later draft
    for hidden in (JOURNAL, FEELING, TUTOR_TEXT, SUBMITTED, DRAFT, SECRET_TRACE, OPEN_TRACE):
        assert hidden not in page, hidden
    # No link to unshared parts either.
    for name in ("journal", "traces", "feelings", "drafts", "evaluation"):
        assert url(school, f"schools:intern_{name}") not in page


def test_the_submitted_synthesis_not_the_later_draft(school, full_dossier, referent_client):
    page = referent_client.get(url(school, "schools:intern_synthesis")).content.decode()
    assert SUBMITTED in page and DRAFT not in page
    pdf = referent_client.get(url(school, "schools:intern_synthesis_pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"].startswith("attachment;")
    whats = list(AccessLog.objects.order_by("id").values_list("what", flat=True))
    assert whats == ["synthesis", "synthesis_pdf"]


def test_each_shared_part_opens_only_once_shared(school, full_dossier, referent_client):
    for part, flag, text in (
        ("journal", "share_journal", JOURNAL),
        ("feelings", "share_feelings", FEELING),
        ("evaluation", "share_tutor_evaluation", TUTOR_TEXT),
        ("drafts", "share_drafts", DRAFT),
    ):
        address = url(school, f"schools:intern_{part}")
        assert referent_client.get(address).status_code == 404
        share(school, **{flag: True})
        page = referent_client.get(address).content.decode()
        assert text in page, part
        assert AccessLog.objects.filter(what=part).count() == 1
        overview = referent_client.get(url(school, "schools:intern")).content.decode()
        assert address in overview
        assert text not in overview
        share(school, **{flag: False})
        assert referent_client.get(address).status_code == 404


def test_traces_list_titles_and_never_a_confidential_one(school, full_dossier, referent_client):
    share(school, share_traces=True)
    page = referent_client.get(url(school, "schools:intern_traces")).content.decode()
    assert OPEN_TRACE in page and SECRET_TRACE not in page
    open_trace = Trace.objects.get(title=OPEN_TRACE)
    secret = Trace.objects.get(title=SECRET_TRACE)
    response = referent_client.get(url(school, "schools:intern_trace_download", open_trace.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == f"contenu de {OPEN_TRACE}".encode()
    response = referent_client.get(url(school, "schools:intern_trace_download", secret.pk))
    assert response.status_code == 404
    whats = list(AccessLog.objects.order_by("id").values_list("what", flat=True))
    assert whats == ["traces", "trace_file"]  # the refused download is not a reading


def test_a_trace_of_another_dossier_is_404(school, full_dossier, referent_client, other_dossier):
    share(school, share_traces=True)
    Enrolment.objects.filter(pk=school.other_enrolment.pk).update(share_traces=True)
    foreign = Trace.objects.create(
        dossier=other_dossier,
        source=Trace.Source.UPLOAD,
        title="Autre",
        file=ContentFile(b"x", name="x.txt"),
        filename="x.txt",
    )
    response = referent_client.get(url(school, "schools:intern_trace_download", foreign.pk))
    assert response.status_code == 404


def test_the_evaluation_is_the_tutors_alone(school, full_dossier, referent_client):
    share(school, share_tutor_evaluation=True)
    colleague = feedback_services.feedback_request_create(
        dossier=full_dossier, name="Jean Morel", email="jean@example.org"
    )
    jobs_run_pending()
    colleague.refresh_from_db()
    feedback_services.feedback_answer_submit(
        feedback_request=colleague, improve="Avis du collègue, marqueur COLLEGUE-9."
    )
    page = referent_client.get(url(school, "schools:intern_evaluation")).content.decode()
    assert TUTOR_TEXT in page and "Sophie Laurent" in page
    assert "COLLEGUE-9" not in page and "Jean Morel" not in page


def test_the_admin_reads_as_admin(school, full_dossier, school_admin_client):
    assert school_admin_client.get(url(school, "schools:intern")).status_code == 200
    assert AccessLog.objects.get().role == "admin"


def test_an_enrolment_without_a_dossier_yet(school, school_admin_client):
    pending = Enrolment.objects.create(cohort=school.cohort, email="bientot@example.org")
    address = reverse("schools:intern", args=[school.cohort.pk, pending.pk])
    page = school_admin_client.get(address).content.decode()
    assert "pas encore relié de dossier" in page
    address = reverse("schools:intern_synthesis", args=[school.cohort.pk, pending.pk])
    assert school_admin_client.get(address).status_code == 404
    assert not AccessLog.objects.exists()
