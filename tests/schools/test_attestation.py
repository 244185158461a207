"""The attestation de stage: entered by the intern or the admin, its PDF in French and English."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from bilan.schools.models import AccessLog, Attestation, Organisation

from .orgsettings_world import School, build_school, login, make_dossier, make_user


@pytest.fixture
def school(db) -> School:
    return build_school()


FIGURES = {
    "presence_hours": "300",
    "weekly_hours": "",
    "days_absent": "",
    "gratification_total": "3600.50",
    "host_name": "",
    "host_address": "",
    "host_phone": "04 78 00 00 00",
    "host_signatory_name": "Sophie Garnier",
    "host_signatory_role": "Directrice générale",
    "intern_birth_date": "2004-02-29",
    "intern_address": "",
    "programme_name": "",
    "school_name": "",
    "signed_place": "Lyon",
}


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def intern_url(school: School, name: str = "dossier_attestation") -> str:
    return reverse(f"orgsettings:{name}", args=[school.dossier.pk])


def staff_url(school: School, name: str = "staff_attestation") -> str:
    return reverse(f"orgsettings:{name}", args=[school.cohort.pk, school.enrolment.pk])


def test_intern_enters_figures_and_downloads_the_french_pdf(school):
    client = login(school.intern)
    page = client.get(intern_url(school))
    assert page.status_code == 200
    # Blank fields say what the PDF will print instead.
    assert "Coopérative Terres du Rhône" in page.content.decode()
    response = client.post(intern_url(school), FIGURES)
    assert response.status_code == 302
    stored = Attestation.objects.get(dossier=school.dossier)
    assert stored.presence_hours == Decimal("300.00")
    assert stored.gratification_total == Decimal("3600.50")
    assert stored.updated_by == school.intern

    page = client.get(intern_url(school)).content.decode()
    assert "1 mois et 20 jours" in page

    pdf = client.get(intern_url(school, "dossier_attestation_pdf"))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "attestation-de-stage" in pdf["Content-Disposition"]
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) == 1  # one A4 sheet to sign
    text = pdf_text(pdf.content)
    for expected in (
        "ATTESTATION DE STAGE",
        "Coopérative Terres du Rhône",  # the host, from the dossier
        "Communication, Lyon",
        "Moreau",
        "Camille",
        "camille@example.org",
        "29 février 2004",
        "BUT Information-Communication",  # the cohort's programme
        "IUT Lumière",  # the establishment: the organisation
        "Claire Fontaine",
        "6 avril 2026",
        "28 août 2026",
        "1 mois et 20 jours",
        "42 jours de présence (300 heures)",
        "3 600,50 €",
        "Sophie Garnier, Directrice générale",
        "Fait à Lyon",
    ):
        assert expected in text, expected
    assert not AccessLog.objects.exists()  # the intern's own downloads are not staff access


def test_english_version_on_request_and_by_dossier_language(school):
    client = login(school.intern)
    client.post(intern_url(school), FIGURES)
    response = client.get(intern_url(school, "dossier_attestation_pdf"), {"lang": "en"})
    assert "internship-certificate" in response["Content-Disposition"]
    text = pdf_text(response.content)
    for expected in (
        "INTERNSHIP CERTIFICATE",
        "Coopérative Terres du Rhône",
        "29 February 2004",
        "6 April 2026",
        "28 August 2026",
        "1 month and 20 days",
        "42 days of presence (300 hours)",
        "€3,600.50",
    ):
        assert expected in text, expected
    assert "mois" not in text
    # A dossier kept in English gets the English version without asking.
    school.dossier.language = "en"
    school.dossier.save()
    assert "INTERNSHIP CERTIFICATE" in pdf_text(
        client.get(intern_url(school, "dossier_attestation_pdf")).content
    )
    # An unknown language falls back to the dossier's.
    assert "INTERNSHIP CERTIFICATE" in pdf_text(
        client.get(intern_url(school, "dossier_attestation_pdf"), {"lang": "de"}).content
    )


def test_weekly_hours_and_absences_compute_the_presence(school):
    client = login(school.intern)
    figures = FIGURES | {"presence_hours": "", "weekly_hours": "35", "days_absent": "3"}
    assert client.post(intern_url(school), figures).status_code == 302
    # 6 April to 28 August 2026: 105 working days, minus 3 absent = 102 days of 7 hours.
    text = pdf_text(client.get(intern_url(school, "dossier_attestation_pdf")).content)
    assert "102 jours de présence (714 heures)" in text
    assert "4 mois et 14 jours" in text


def test_company_organisation_is_the_host_and_signs(school):
    organisation = school.organisation
    organisation.kind = Organisation.Kind.COMPANY
    organisation.name = "Terres du Rhône SA"
    organisation.signatory_name = "Paul Durand"
    organisation.signatory_role = "DRH"
    organisation.save()
    school.dossier.school = "Université Lyon 2"
    school.dossier.save()
    client = login(school.intern)
    client.post(
        intern_url(school), FIGURES | {"host_signatory_name": "", "host_signatory_role": ""}
    )
    text = pdf_text(client.get(intern_url(school, "dossier_attestation_pdf")).content)
    assert "Terres du Rhône SA" in text
    assert "Paul Durand, DRH" in text
    assert "Université Lyon 2" in text


def test_blank_figures_print_blank_lines_not_zero(school):
    client = login(school.intern)
    text = pdf_text(client.get(intern_url(school, "dossier_attestation_pdf")).content)
    assert "ATTESTATION DE STAGE" in text
    assert "€" not in text
    assert "heures" not in text.split("Durée effective totale")[1].split("La durée")[0]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("weekly_hours", "80"),
        ("presence_hours", "-3"),
        ("gratification_total", "beaucoup"),
        ("intern_birth_date", "31/02/2004"),
    ],
)
def test_bad_figures_are_refused_and_nothing_is_written(school, field, value):
    client = login(school.intern)
    response = client.post(intern_url(school), FIGURES | {field: value})
    assert response.status_code == 400
    assert not Attestation.objects.exists()


def test_absences_without_a_schedule_are_refused(school):
    client = login(school.intern)
    response = client.post(intern_url(school), FIGURES | {"presence_hours": "", "days_absent": "2"})
    assert response.status_code == 400
    assert "heures par semaine" in response.content.decode()
    assert not Attestation.objects.exists()


def test_works_for_a_dossier_not_enrolled(db):
    intern = make_user("solo@example.org", first_name="Sam", last_name="Seul")
    dossier = make_dossier(intern, school="Université Lyon 2", programme="Licence pro")
    client = login(intern)
    page = client.get(reverse("orgsettings:dossier_attestation", args=[dossier.pk]))
    assert page.status_code == 200 and "Université Lyon 2" in page.content.decode()
    url = reverse("orgsettings:dossier_attestation_pdf", args=[dossier.pk])
    text = pdf_text(client.get(url).content)
    assert "Université Lyon 2" in text and "Licence pro" in text and "Seul" in text


# --- Staff -----------------------------------------------------------------------------------


def test_referent_downloads_and_the_access_is_logged(school):
    client = login(school.referent)
    page = client.get(staff_url(school))
    assert page.status_code == 200
    assert b'name="presence_hours"' not in page.content  # a referent does not edit
    response = client.get(staff_url(school, "staff_attestation_pdf"), {"lang": "en"})
    assert response.status_code == 200
    assert "Moreau" in pdf_text(response.content)
    log = AccessLog.objects.get()
    assert (log.dossier_id, log.actor, log.role, log.what) == (
        school.dossier.pk,
        school.referent,
        "referent",
        "attestation",
    )
    # A referent may not write.
    assert client.post(staff_url(school), FIGURES).status_code == 404
    assert not Attestation.objects.exists()


def test_admin_edits_and_downloads(school):
    client = login(school.admin)
    assert b'name="presence_hours"' in client.get(staff_url(school)).content
    response = client.post(staff_url(school), FIGURES | {"gratification_total": "1200"})
    assert response.status_code == 302
    stored = Attestation.objects.get(dossier=school.dossier)
    assert stored.gratification_total == Decimal("1200") and stored.updated_by == school.admin
    assert AccessLog.objects.filter(what="attestation_edit", actor=school.admin).exists()
    text = pdf_text(client.get(staff_url(school, "staff_attestation_pdf")).content)
    assert "1 200,00 €" in text
    assert AccessLog.objects.filter(what="attestation", actor=school.admin).count() == 1
    # The intern sees what the admin entered.
    assert "1 200,00 €" in login(school.intern).get(intern_url(school)).content.decode().replace(
        "\xa0", " "
    ).replace("\u202f", " ")


@pytest.mark.parametrize("who", ["other_admin", "outsider", "intern"])
@pytest.mark.parametrize("name", ["staff_attestation", "staff_attestation_pdf"])
def test_staff_pages_are_404_for_anyone_else(school, who, name):
    user = make_user("stranger@example.org") if who == "outsider" else getattr(school, who)
    client = login(user)
    assert client.get(staff_url(school, name)).status_code == 404
    assert client.post(staff_url(school, name), FIGURES).status_code == 404
    assert not Attestation.objects.exists()
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("who", ["admin", "referent", "other_admin"])
@pytest.mark.parametrize("name", ["dossier_attestation", "dossier_attestation_pdf"])
def test_intern_pages_are_404_for_everyone_but_the_intern(school, who, name):
    client = login(getattr(school, who))
    assert client.get(intern_url(school, name)).status_code == 404
    assert client.post(intern_url(school, name), FIGURES).status_code == 404
    assert not Attestation.objects.exists()


def test_staff_page_of_an_enrolment_without_dossier_is_404(school):
    school.enrolment.dossier = None
    school.enrolment.save()
    assert login(school.admin).get(staff_url(school)).status_code == 404
