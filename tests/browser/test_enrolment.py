"""The school's import (upload, preview, confirm) and the intern's invitation and join pages in
Chromium at 375 px, in French and English, with axe-core on every page."""

from __future__ import annotations

import re

import pytest

from bilan.jobs.services import jobs_run_pending
from bilan.schools.models import Cohort, Enrolment, Membership, Organisation, Programme
from tests.conftest import PASSWORD, make_user

from .test_traces import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    "e-mail;prénom;nom;entreprise;service;début;fin;nom du tuteur;e-mail du tuteur;"
    "e-mail du référent\n"
    "lea.martin@etu.example.edu;Léa;Martin;Coopérative Terres du Rhône;Communication;"
    "06/04/2026;28/08/2026;Sophie Laurent;sophie.laurent@example.org;\n"
    "oops;Tom;;Mairie;;2026-04-13;2026-03-01;;;\n"
)


@pytest.fixture
def school(db):
    organisation = Organisation.objects.create(name="IUT Lyon 3")
    programme = Programme.objects.create(organisation=organisation, name="BUT Info-Com")
    cohort = Cohort.objects.create(
        programme=programme, name="BUT Info-Com 2026", join_code="K7P2QX"
    )
    admin = make_user("direction@iut.example.edu", first_name="Hélène", last_name="Roux")
    Membership.objects.create(organisation=organisation, user=admin, role="admin")
    return cohort, admin


def test_import_preview_invitation_and_join(live_server, page, axe, school, smtp, tmp_path):
    cohort, admin = school
    axe.track(page)
    page.context.add_cookies(_session_cookie(live_server, admin))
    page.goto(f"{live_server.url}/cohorts/{cohort.pk}/")
    axe.check(page)
    page.get_by_role("link", name="Importer des stagiaires (CSV)").click()
    axe.check(page)

    bad = tmp_path / "stagiaires.csv"
    bad.write_text(CSV, encoding="utf-8")
    page.set_input_files("input[type=file]", str(bad))
    page.get_by_role("button", name="Prévisualiser").click()
    axe.check(page)
    assert page.get_by_text("3 erreurs : rien n'a été importé").is_visible()
    assert not Enrolment.objects.exists()

    good = tmp_path / "corrige.csv"
    good.write_text("\n".join(CSV.splitlines()[:2]) + "\n", encoding="cp1252")
    page.set_input_files("input[type=file]", str(good))
    page.get_by_role("button", name="Prévisualiser").click()
    axe.check(page)
    assert page.get_by_text("Inscription et invitation par e-mail").is_visible()
    page.get_by_role("button", name="Confirmer l'import").click()
    axe.check(page)
    assert page.get_by_text("Import terminé").is_visible()
    assert Enrolment.objects.get().first_name == "Léa"

    # The intern follows the e-mailed link (in English) and creates the account.
    jobs_run_pending()
    body = smtp.messages[0].get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+(/join/invitation/[A-Za-z0-9_-]{43}/)", body).group(1)
    intern = page.context.browser.new_context(
        viewport={"width": 375, "height": 800}, locale="en-GB"
    ).new_page()
    intern.set_default_timeout(10_000)
    axe.track(intern)
    intern.goto(live_server.url + link)
    axe.check(intern)
    assert intern.get_by_role("heading", name="Create your account").is_visible()
    intern.locator("#id_password1").fill(PASSWORD)
    intern.locator("#id_password2").fill(PASSWORD)
    intern.get_by_role("button", name="Create my account and join the cohort").click()
    axe.check(intern)
    enrolment = Enrolment.objects.get()
    assert enrolment.dossier is not None
    assert intern.url.endswith(enrolment.dossier.get_absolute_url())

    # Another intern joins with the code from the dossier list.
    other = make_user("tom@example.org", first_name="Tom", last_name="Petit")
    joiner = page.context.browser.new_context(
        viewport={"width": 375, "height": 800}, locale="fr-FR"
    ).new_page()
    joiner.set_default_timeout(10_000)
    axe.track(joiner)
    joiner.context.add_cookies(_session_cookie(live_server, other))
    joiner.goto(f"{live_server.url}/dossiers/")
    axe.check(joiner)
    joiner.get_by_role("link", name="Rejoindre la promotion de mon école avec un code").click()
    axe.check(joiner)
    joiner.get_by_label("Code d'inscription de la promotion").fill("k7p2qx")
    joiner.get_by_role("button", name="Continuer").click()
    axe.check(joiner)
    joiner.get_by_label("Entreprise ou organisation").fill("Mairie de Villeurbanne")
    joiner.get_by_label("Date de début").fill("2026-04-13")
    joiner.get_by_label("Date de fin").fill("2026-06-19")
    joiner.get_by_role("button", name="Rejoindre la promotion").click()
    axe.check(joiner)
    assert cohort.enrolments.get(email="tom@example.org").dossier.organisation == (
        "Mairie de Villeurbanne"
    )
    intern.context.close()
    joiner.context.close()
    axe.assert_clean()
