"""Deleting an enrolment (write scope, own organisation only) and the submitted synthesis."""

from __future__ import annotations

import io

import docx
import pytest
from django.utils import timezone
from pypdf import PdfReader

from bilan.documents.model import TRAME
from bilan.dossiers.models import Dossier
from bilan.schools.models import AccessLog, Enrolment
from bilan.synthesis import services as synthesis_services
from bilan.synthesis.models import SynthesisVersion


def test_write_token_deletes_an_enrolment_and_keeps_the_dossier(api, school, enrolled):
    dossier_id = enrolled.dossier_id
    response = api.delete(f"/enrolments/{enrolled.pk}", school.write)
    assert response.status_code == 204
    assert not Enrolment.objects.filter(pk=enrolled.pk).exists()
    assert Dossier.objects.filter(pk=dossier_id).exists()
    again = api.delete(f"/enrolments/{enrolled.pk}", school.write)
    assert again.status_code == 404


def test_another_organisations_write_token_changes_nothing(api, school, other, enrolled):
    before = list(Enrolment.objects.order_by("pk").values())
    response = api.delete(f"/enrolments/{enrolled.pk}", other.write)
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert list(Enrolment.objects.order_by("pk").values()) == before


@pytest.fixture
def submitted(enrolled):
    version = synthesis_services.synthesis_generate(dossier=enrolled.dossier)
    Enrolment.objects.filter(pk=enrolled.pk).update(
        submitted_version=version, submitted_at=timezone.now()
    )
    # The intern keeps writing: the school still reads the version handed in.
    synthesis = version.synthesis
    synthesis_services.synthesis_save(
        synthesis=synthesis, sections={**version.sections, TRAME[0]: "Brouillon ultérieur"}
    )
    latest = synthesis_services.synthesis_current(synthesis=synthesis)
    assert latest.number > version.number and latest.sections[TRAME[0]] == "Brouillon ultérieur"
    enrolled.refresh_from_db()
    return enrolled, version


def test_submitted_synthesis_as_json_with_etag_and_access_log(api, school, submitted):
    enrolment, version = submitted
    response = api.get(f"/enrolments/{enrolment.pk}/synthesis", school.read)
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == version.number
    assert body["language"] == "fr"
    texts = {s["key"]: s["text"] for s in body["sections"]}
    assert texts == {key: version.sections.get(key, "") for key in texts}
    assert "Brouillon ultérieur" not in response.content.decode()
    log = AccessLog.objects.get(dossier=enrolment.dossier)
    assert log.what == "synthesis" and log.actor is None and "Lecture" in log.actor_label
    assert (
        api.get(
            f"/enrolments/{enrolment.pk}/synthesis",
            school.read,
            HTTP_IF_NONE_MATCH=response["ETag"],
        ).status_code
        == 304
    )
    status = api.get(f"/enrolments/{enrolment.pk}/status", school.read).json()
    assert status["synthesis_submitted"] is True and status["synthesis_submitted_at"]


def test_submitted_synthesis_as_pdf_and_docx(api, school, submitted):
    enrolment, version = submitted
    pdf = api.get(f"/enrolments/{enrolment.pk}/synthesis/pdf", school.read)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert f"-v{version.number}.pdf" in pdf["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Bilan de fin de stage" in text
    assert "Brouillon ultérieur" not in text
    word = api.get(f"/enrolments/{enrolment.pk}/synthesis/docx", school.read)
    assert word.status_code == 200
    paragraphs = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert "Bilan de fin de stage" in paragraphs and "Brouillon ultérieur" not in paragraphs
    logged = AccessLog.objects.filter(dossier=enrolment.dossier).values_list("what", flat=True)
    assert sorted(logged) == ["synthesis", "synthesis_pdf"]


def test_no_synthesis_before_it_is_handed_in(api, school, enrolled, invited):
    for enrolment in (enrolled, invited):
        for suffix in ("", "/pdf", "/docx"):
            response = api.get(
                f"/enrolments/{enrolment.pk}/synthesis{suffix}",
                school.read,
                HTTP_ACCEPT_LANGUAGE="en",
            )
            assert response.status_code == 404
            assert response.json()["code"] == "synthesis_not_submitted"
    assert not AccessLog.objects.exists()


def test_writes_need_no_csrf_token_only_the_bearer(school, invited):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.delete(
        f"/api/v1/enrolments/{invited.pk}", HTTP_AUTHORIZATION=f"Bearer {school.write}"
    )
    assert response.status_code == 204
    assert not Enrolment.objects.filter(pk=invited.pk).exists()


def test_attestation_pdf(api, school, other, enrolled, invited):
    response = api.get(f"/enrolments/{enrolled.pk}/attestation?language=en", school.read)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "internship-certificate" in response["Content-Disposition"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Moreau" in text
    french = api.get(f"/enrolments/{enrolled.pk}/attestation", school.read)
    assert "attestation-de-stage" in french["Content-Disposition"]
    assert AccessLog.objects.filter(dossier=enrolled.dossier, what="attestation").count() == 2
    not_joined = api.get(f"/enrolments/{invited.pk}/attestation", school.read)
    assert not_joined.status_code == 404 and not_joined.json()["code"] == "not_joined"
    foreign = api.get(f"/enrolments/{enrolled.pk}/attestation", other.write)
    assert foreign.status_code == 404 and foreign.json()["code"] == "not_found"
    assert AccessLog.objects.filter(what="attestation").count() == 2


def test_a_version_of_another_dossier_is_never_shown(api, school, submitted, dossier):
    enrolment, _version = submitted
    from bilan.dossiers import services as dossier_services

    other = dossier_services.dossier_create(
        owner=dossier.owner,
        organisation="Ailleurs",
        service="",
        location="",
        kind="stage",
        start_date=dossier.start_date,
        end_date=dossier.end_date,
        mission_text="- Autre",
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(dossier=other)
    for suffix in ("", "/pdf", "/docx"):
        response = api.get(f"/enrolments/{enrolment.pk}/synthesis{suffix}", school.read)
        assert response.status_code == 404
        assert response.json()["code"] == "synthesis_not_submitted"


def test_a_document_too_large_is_a_clear_refusal(api, school, submitted):
    enrolment, version = submitted
    huge = " ".join(["mot"] * 60_000)
    SynthesisVersion.objects.filter(pk=version.pk).update(
        sections={**version.sections, TRAME[0]: huge}
    )
    response = api.get(
        f"/enrolments/{enrolment.pk}/synthesis/docx", school.read, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 422
    assert response.json()["code"] == "document_too_large"
    assert response.json()["message"].startswith("Document too long")
    assert not AccessLog.objects.filter(what="synthesis").exists()
