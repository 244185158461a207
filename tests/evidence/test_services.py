from __future__ import annotations

import datetime as dt
import os

import pytest
from django.core.files.storage import default_storage

from bilan.evidence import services
from bilan.evidence.models import MailboxImport, Trace
from bilan.jobs.models import Job

from ..extraction.extraction_samples import make_docx, make_email, make_pdf, write_mbox
from .conftest import upload


def _docx(text: str = "Compte rendu du comité de pilotage du 12 mai.") -> bytes:
    return make_docx([text, "Décisions : développement du module de paiement."])


def test_upload_stores_file_and_extracts_in_background(dossier, run_jobs):
    outcome = services.traces_upload(
        dossier=dossier, files=[upload("cr.docx", _docx())], kind="minutes"
    )
    trace = outcome.traces[0]
    assert trace.extraction == Trace.Extraction.PENDING
    assert trace.detected_type == "docx"
    assert Job.objects.filter(kind=services.JOB_EXTRACT, status="queued").count() == 1
    assert default_storage.exists(trace.file.name)
    assert run_jobs() == 1
    trace.refresh_from_db()
    assert trace.extraction == Trace.Extraction.DONE
    assert "comité de pilotage" in trace.text
    assert trace.title == "Compte rendu"  # from the document's own metadata
    found = services.traces_search(dossier=dossier, query="développé")
    assert list(found) == [trace]


def test_type_comes_from_content_not_extension(dossier, run_jobs):
    pdf = make_pdf(["Rapport mensuel des ventes"])
    trace = services.traces_upload(dossier=dossier, files=[upload("notes.txt", pdf)]).traces[0]
    assert trace.detected_type == "pdf"
    run_jobs()
    trace.refresh_from_db()
    assert "ventes" in trace.text


def test_same_file_twice_is_not_imported_twice(dossier):
    services.traces_upload(dossier=dossier, files=[upload("a.docx", _docx())])
    outcome = services.traces_upload(dossier=dossier, files=[upload("copie.docx", _docx())])
    assert outcome.duplicates == ["copie.docx"] and not outcome.traces
    assert dossier.traces.count() == 1


def test_unsupported_or_corrupt_file_is_kept_with_the_reason(dossier, run_jobs):
    garbage = os.urandom(4096)
    trace = services.traces_upload(dossier=dossier, files=[upload("x.bin", garbage)]).traces[0]
    run_jobs()
    trace.refresh_from_db()
    assert trace.extraction == Trace.Extraction.FAILED
    assert trace.file and default_storage.exists(trace.file.name)
    assert "texte non extrait" in trace.extraction_error_message()


def test_file_over_the_limit_is_refused_with_the_limit(dossier, settings):
    settings.BILAN_TRACE_LIMITS = {**settings.BILAN_TRACE_LIMITS, "file_bytes": 1024}
    big = make_docx(["x" * 5000, os.urandom(3000).hex()])
    outcome = services.traces_upload(
        dossier=dossier, files=[upload("gros.docx", big), upload("petit.txt", b"ok merci")]
    )
    assert outcome.refused[0][0] == "gros.docx"
    assert "limite : 1 Ko" in outcome.refused[0][1]
    assert [t.filename for t in outcome.traces] == ["petit.txt"]


def test_whole_upload_over_the_import_limit_stores_nothing(dossier, settings):
    settings.BILAN_TRACE_LIMITS = {**settings.BILAN_TRACE_LIMITS, "import_bytes": 100}
    outcome = services.traces_upload(
        dossier=dossier, files=[upload("a.txt", b"a" * 80), upload("b.txt", b"b" * 80)]
    )
    assert "Import trop volumineux" in outcome.refused[0][1]
    assert dossier.traces.count() == 0


def test_note_and_link(dossier):
    note = services.trace_create_note(
        dossier=dossier, title="Merci de Paul", note="Merci pour la démo", kind="feedback"
    )
    link = services.trace_create_link(dossier=dossier, url="https://example.org/rapport")
    assert note.text == "Merci pour la démo" and note.kind == "feedback"
    assert link.title == "https://example.org/rapport"
    assert list(services.traces_search(dossier=dossier, query="démo")) == [note]


def test_update_links_objectives_of_the_same_dossier_only(dossier, intern):
    from bilan.dossiers import services as dossier_services

    mine = dossier_services.objective_create(dossier=dossier, title="Benchmark")
    other_dossier = dossier_services.dossier_create(
        owner=intern,
        organisation="Autre",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 2, 1),
    )
    foreign = dossier_services.objective_create(dossier=other_dossier, title="Ailleurs")
    trace = services.trace_create_note(dossier=dossier, title="CR", note="texte")
    services.trace_update(trace=trace, objectives=[mine, foreign], confidential=True)
    assert list(trace.objectives.all()) == [mine]
    assert list(mine.traces.all()) == [trace]
    assert Trace.objects.get(pk=trace.pk).confidential
    assert list(services.traces_search(dossier=dossier, objective=mine)) == [trace]
    assert list(services.traces_search(dossier=dossier, unlinked=True)) == []


@pytest.mark.django_db(transaction=True)
def test_delete_removes_the_file(dossier):
    trace = services.traces_upload(dossier=dossier, files=[upload("a.txt", b"du texte")]).traces[0]
    name = trace.file.name
    services.trace_delete(trace=trace)
    assert not default_storage.exists(name)
    assert not Trace.objects.exists()


def _mailbox(tmp_path, name="boite.mbox"):
    messages = [
        make_email(subject="Merci pour la newsletter", message_id="<m1@example.org>"),
        make_email(
            subject="Compte rendu réunion",
            message_id="<m2@example.org>",
            body="Voici le compte rendu.",
            attachments=[
                (
                    "cr.docx",
                    _docx("Ordre du jour : budget 2027"),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                )
            ],
        ),
        make_email(subject="Merci pour la newsletter", message_id="<m1@example.org>"),
        make_email(subject="Sans identifiant", message_id=None, body="Un message sans Message-ID."),
    ]
    return write_mbox(tmp_path / name, messages)


def _file_upload(path):
    return upload(path.name, path.read_bytes())


def test_mailbox_import_creates_traces_with_attachments_and_skips_duplicates(
    dossier, tmp_path, run_jobs
):
    path = _mailbox(tmp_path)
    outcome = services.traces_upload(dossier=dossier, files=[_file_upload(path)])
    job = outcome.imports[0]
    assert job.status == MailboxImport.Status.QUEUED and not outcome.traces
    run_jobs()
    job.refresh_from_db()
    assert job.status == MailboxImport.Status.DONE
    assert (job.expected, job.processed, job.created, job.duplicates) == (4, 4, 3, 1)
    emails = dossier.traces.filter(source=Trace.Source.MAILBOX)
    assert emails.count() == 3 and set(emails.values_list("kind", flat=True)) == {"email"}
    report = emails.get(message_id="<m2@example.org>")
    attachment = report.attachments.get()
    assert attachment.filename == "cr.docx" and "budget 2027" in attachment.text
    assert default_storage.exists(attachment.file.name)
    assert report.author.startswith("Paul Dupont")
    assert report.date is not None

    # The same export again: everything is a duplicate.
    again = services.traces_upload(
        dossier=dossier, files=[_file_upload(_mailbox(tmp_path, "b.mbox"))]
    )
    run_jobs()
    second = MailboxImport.objects.get(pk=again.imports[0].pk)
    assert (second.created, second.duplicates) == (0, 4)
    assert dossier.traces.count() == 4


def test_mailbox_over_message_limit_keeps_what_was_read(dossier, tmp_path, run_jobs, settings):
    settings.BILAN_TRACE_LIMITS = {**settings.BILAN_TRACE_LIMITS, "messages": 2}
    services.traces_upload(dossier=dossier, files=[_file_upload(_mailbox(tmp_path))])
    run_jobs()
    job = MailboxImport.objects.get()
    assert job.status == MailboxImport.Status.FAILED
    assert "Trop de messages" in job.error_message()
    assert dossier.traces.filter(source=Trace.Source.MAILBOX).count() == 2


def test_single_eml_upload_brings_its_attachments(dossier, run_jobs):
    raw = make_email(
        subject="Remerciements",
        attachments=[("merci.txt", b"Merci pour ton travail sur le salon", "text/plain")],
    )
    trace = services.traces_upload(dossier=dossier, files=[upload("m.eml", raw)]).traces[0]
    assert trace.kind == "email"
    run_jobs()
    trace.refresh_from_db()
    assert trace.title == "Remerciements"
    assert "salon" in trace.attachments.get().text


def test_update_links_skills_and_examples_of_the_same_dossier_only(dossier, outsider):
    from bilan.dossiers import services as dossier_services
    from bilan.skills import services as skills

    mine = skills.dossier_skill_add(dossier=dossier, label="Canva", family="technical")
    example = skills.example_create(dossier=dossier, title="Affiches", skills=[mine])
    other = dossier_services.dossier_create(
        owner=outsider,
        organisation="Autre",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 2, 1),
    )
    foreign = skills.dossier_skill_add(dossier=other, label="Secret", family="technical")
    trace = services.trace_create_note(dossier=dossier, title="Affiche", note="Merci !")
    services.trace_update(trace=trace, skills=[mine, foreign], examples=[example])
    assert list(trace.skills.all()) == [mine]
    assert list(example.traces.all()) == [trace]
    assert list(services.traces_search(dossier=dossier, skill=mine)) == [trace]
    assert skills.examples_for_dossier(dossier=dossier)[0].traces.all()[0] == trace
