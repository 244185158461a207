"""A new intern's first visit, in a phone-sized Chromium window, French then English."""

from __future__ import annotations

import pytest

from bilan.accounts.models import User
from bilan.dossiers.models import Dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MISSION = """Activités confiées :
- Suivre les chantiers de rénovation
- Préparer les devis avec le conducteur de travaux
- Mettre à jour le planning des équipes"""


def test_signup_dossier_objectives_journal(live_server, page):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.fill("#id_first_name", "Yanis")
    page.fill("#id_last_name", "Haddad")
    page.fill("#id_email", "yanis@example.org")
    page.fill("#id_password1", "chantier-du-printemps-26")
    page.fill("#id_password2", "chantier-du-printemps-26")
    page.select_option("#id_language", "fr")
    page.click("main button[type=submit]")

    page.wait_for_url("**/dossiers/new/")
    page.fill("#id_organisation", "BTP Rénov' Grenoble")
    page.fill("#id_start_date", "2026-03-02")
    page.fill("#id_end_date", "2026-02-01")
    page.fill("#id_mission_text", MISSION)
    page.click("main button[type=submit]")
    assert page.locator("text=La date de fin doit être postérieure").is_visible()
    assert Dossier.objects.count() == 0

    page.fill("#id_end_date", "2026-06-26")
    page.click("main button[type=submit]")
    # The pasted mission is proposed as objectives straight away.
    page.wait_for_url("**/dossiers/*/objectives/import/")
    dossier = Dossier.objects.get(owner__email="yanis@example.org")
    proposed = page.input_value("#id_text")
    assert proposed.splitlines() == [
        "Suivre les chantiers de rénovation",
        "Préparer les devis avec le conducteur de travaux",
        "Mettre à jour le planning des équipes",
    ]
    page.click("text=Ajouter ces objectifs")
    assert dossier.objectives.count() == 3

    # Inline edit through htmx: the row turns into a form and back, without a page load.
    first = dossier.objectives.first()
    row = page.locator(f"#objective-{first.pk}")
    row.locator("text=Modifier").click()
    form = page.locator(f"form#objective-{first.pk}")
    form.locator("select[name=status]").select_option("done")
    form.locator("textarea[name=actual]").fill("Suivi de 4 chantiers, comptes rendus hebdomadaires")
    form.locator("button[type=submit]").click()
    page.locator(f"#objective-{first.pk} >> text=Suivi de 4 chantiers").wait_for()
    first.refresh_from_db()
    assert first.status == "done"

    page.click(".subnav >> text=Prévu / réalisé")
    assert page.locator("text=Suivi de 4 chantiers").is_visible()

    page.click(".steps >> text=Accueil")
    page.fill("#id_text", "Première visite de chantier avec le conducteur de travaux.")
    page.click("#capture-title ~ form button[type=submit]")
    page.locator("text=Entrée ajoutée au journal").wait_for()
    assert dossier.journal_entries.count() == 1

    # Switch to English: the choice is kept on the account.
    page.click("button[lang=en]")
    page.locator("text=Review preparation").wait_for()
    assert User.objects.get(email="yanis@example.org").language == "en"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


PASTED_FROM_PDF = (
    "Missions : - Mettre en place un tableau de bord des ventes - Former les utilisateurs "
    "à l'outil et rédiger le guide - Participer aux réunions d'équipe du lundi"
)


def test_mission_pasted_on_one_line_is_proposed_then_split(live_server, page, intern):
    from .test_traces import _session_cookie

    page.context.add_cookies(_session_cookie(live_server, intern))
    page.goto(f"{live_server.url}/dossiers/new/")
    page.fill("#id_organisation", "Biocoop Lyon")
    page.fill("#id_start_date", "2026-03-02")
    page.fill("#id_end_date", "2026-06-26")
    page.fill("#id_mission_text", PASTED_FROM_PDF)
    page.click("main button[type=submit]")
    page.wait_for_url("**/objectives/import/")
    assert page.locator("ol.proposed li").all_inner_texts() == [
        "Mettre en place un tableau de bord des ventes",
        "Former les utilisateurs à l'outil et rédiger le guide",
        "Participer aux réunions d'équipe du lundi",
    ]
    page.click("text=Ajouter ces objectifs")
    page.wait_for_url("**/objectives/")
    dossier = Dossier.objects.get(owner=intern)
    second = dossier.objectives.all()[1]
    page.locator(f"#objective-{second.pk}").get_by_role("link", name="Séparer").click()
    assert page.input_value("textarea[name=text]").splitlines() == [
        "Former les utilisateurs à l'outil",
        "Rédiger le guide",
    ]
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/objectives/")
    assert list(dossier.objectives.values_list("title", flat=True)) == [
        "Mettre en place un tableau de bord des ventes",
        "Former les utilisateurs à l'outil",
        "Rédiger le guide",
        "Participer aux réunions d'équipe du lundi",
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
