"""Drafts in the browser: a text typed survives a reload, a closed tab and an expired session,
and is cleared once the server has saved it. Two tabs saving the same text get the conflict."""

from __future__ import annotations

import pytest

from bilan.dossiers.models import JournalEntry
from bilan.skills import services as skills
from bilan.skills.models import Example

from .test_traces import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = "42 % d'ouverture en août, contre 31 % avant la refonte."


def _drafts(page) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage)"
        ".filter(k => k.startsWith('bilan:draft:')).map(k => [k, localStorage.getItem(k)]))"
    )


def _wait_for_draft(page, text: str) -> None:
    page.wait_for_function(
        "text => Object.keys(localStorage).some(k => k.startsWith('bilan:draft:')"
        " && localStorage.getItem(k).includes(text))",
        arg=text,
    )


def test_a_draft_survives_reload_closed_tab_and_expired_session(live_server, page, intern, dossier):
    example = skills.example_create(dossier=dossier, title="Newsletter", action="Trois rubriques.")
    url = f"{live_server.url}/dossiers/{dossier.pk}/skills/examples/{example.pk}/"
    page.context.add_cookies(_session_cookie(live_server, intern))
    page.goto(url)
    assert page.locator(".draft-notice").count() == 0
    page.fill("#id_result", TYPED)
    _wait_for_draft(page, "refonte")
    [key] = _drafts(page)
    assert (
        key
        == f"bilan:draft:{intern.pk}:/dossiers/{dossier.pk}/skills/examples/{example.pk}/#result"
    )

    # A reload (the browser asks first: leaving is accepted here) brings the text back.
    page.once("dialog", lambda dialog: dialog.accept())
    page.reload()
    assert page.input_value("#id_result") == TYPED
    notice = page.locator(".draft-notice")
    assert "Brouillon restauré" in notice.inner_text()

    # A closed tab: a new page of the same browser finds it too.
    page.close()
    tab = page.context.new_page()
    tab.goto(url)
    assert tab.input_value("#id_result") == TYPED
    assert tab.locator(".draft-notice").is_visible()
    assert Example.objects.get(pk=example.pk).result == ""

    # The session expires: the save goes to the login page, the draft stays for later.
    tab.context.clear_cookies(name="sessionid")
    tab.locator("main form button[type=submit]", has_text="Enregistrer").click()
    tab.wait_for_url("**/login/**")
    assert tab.locator(".draft-notice").count() == 0
    assert Example.objects.get(pk=example.pk).result == ""
    assert len(_drafts(tab)) == 1
    tab.context.add_cookies(_session_cookie(live_server, intern))
    tab.goto(url)
    assert tab.input_value("#id_result") == TYPED

    # Saved: the server confirms, the draft is gone, the form shows no notice any more.
    tab.locator("main form button[type=submit]", has_text="Enregistrer").click()
    tab.locator("text=Enregistré.").wait_for()
    assert Example.objects.get(pk=example.pk).result == TYPED
    assert _drafts(tab) == {}
    tab.goto(url)
    assert tab.input_value("#id_result") == TYPED
    assert tab.locator(".draft-notice").count() == 0


def test_discarding_a_draft_and_logging_out_clear_it(live_server, page, intern, dossier):
    entry = JournalEntry.objects.create(dossier=dossier, date=dossier.start_date, text="Lundi.")
    url = f"{live_server.url}/dossiers/{dossier.pk}/journal/{entry.pk}/edit/"
    page.context.add_cookies(_session_cookie(live_server, intern))
    page.goto(url)
    page.fill("#id_text", "Lundi : réunion d'équipe, puis la newsletter.")
    _wait_for_draft(page, "newsletter")
    page.once("dialog", lambda dialog: dialog.accept())
    page.reload()
    page.locator(".draft-notice button", has_text="Supprimer le brouillon").click()
    assert page.input_value("#id_text") == "Lundi."
    assert _drafts(page) == {}

    page.fill("#id_text", "Lundi : une autre version.")
    _wait_for_draft(page, "autre version")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("summary", has_text="Menu").click()
    page.locator("button", has_text="Se déconnecter").click()
    page.wait_for_load_state()
    assert _drafts(page) == {}
    assert JournalEntry.objects.get(pk=entry.pk).text == "Lundi."


def test_two_tabs_get_the_conflict_and_merge(live_server, page, intern, dossier, axe):
    example = skills.example_create(dossier=dossier, title="Newsletter", action="Trois rubriques.")
    url = f"{live_server.url}/dossiers/{dossier.pk}/skills/examples/{example.pk}/"
    page.context.add_cookies(_session_cookie(live_server, intern))
    first = page
    second = page.context.new_page()
    first.goto(url)
    second.goto(url)

    first.fill("#id_action", "Trois rubriques et un sondage aux adhérents.")
    first.locator("main form button[type=submit]", has_text="Enregistrer").click()
    first.locator("text=Enregistré.").wait_for()

    second.fill("#id_action", "J'ai refondu la maquette avec l'équipe.")
    second.locator("main form button[type=submit]", has_text="Enregistrer").click()
    second.locator("h1", has_text="modifié ailleurs").wait_for()
    assert "Trois rubriques et un sondage" in second.locator(".saved-text").inner_text()
    assert second.input_value("#id_action") == "J'ai refondu la maquette avec l'équipe."
    assert (
        Example.objects.get(pk=example.pk).action == "Trois rubriques et un sondage aux adhérents."
    )

    # Take the saved text into the field (no round trip), add to it, save.
    second.locator("button", has_text="Reprendre le texte enregistré").click()
    assert second.input_value("#id_action") == "Trois rubriques et un sondage aux adhérents."
    second.fill("#id_action", "Trois rubriques, un sondage, puis la maquette refondue.")
    second.locator("main form button[type=submit]", has_text="Enregistrer ce texte").click()
    second.locator("text=Enregistré.").wait_for()
    assert Example.objects.get(pk=example.pk).action == (
        "Trois rubriques, un sondage, puis la maquette refondue."
    )
    assert _drafts(second) == {}


def test_the_inline_objective_editor_gets_the_conflict_too(live_server, page, intern, dossier):
    """htmx form: the conflict page takes the place of the main content; its save is a page."""
    objective = dossier.objectives.create(title="Animer les réseaux sociaux", position=99)
    url = f"{live_server.url}/dossiers/{dossier.pk}/objectives/"
    page.context.add_cookies(_session_cookie(live_server, intern))
    first, second = page, page.context.new_page()
    for tab in (first, second):
        tab.goto(url)
        tab.locator(f"#objective-{objective.pk} >> text=Modifier").click()
        tab.locator(f"form#objective-{objective.pk} textarea[name=actual]").wait_for()

    second.locator(f"form#objective-{objective.pk} textarea[name=actual]").fill("Deux par semaine.")
    second.locator(f"form#objective-{objective.pk} button[type=submit]").click()
    second.locator(f"#objective-{objective.pk}:not(form)").wait_for()
    objective.refresh_from_db()
    assert objective.actual == "Deux par semaine."

    edit = first.locator(f"form#objective-{objective.pk}")
    edit.locator("textarea[name=actual]").fill("Trois par semaine sur LinkedIn.")
    edit.locator("button[type=submit]").click()
    first.locator("h1", has_text="modifié ailleurs").wait_for()
    assert first.locator("main").count() == 1
    assert "Deux par semaine." in first.locator(".saved-text").inner_text()
    assert (
        first.input_value(f"#id_objective{objective.pk}_actual")
        == "Trois par semaine sur LinkedIn."
    )
    first.fill(f"#id_objective{objective.pk}_actual", "Deux, puis trois par semaine sur LinkedIn.")
    first.locator("button", has_text="Enregistrer ce texte").click()
    first.locator("text=Objectif enregistré.").wait_for()
    objective.refresh_from_db()
    assert objective.actual == "Deux, puis trois par semaine sur LinkedIn."
    assert _drafts(first) == {}


def test_the_synthesis_conflict_on_a_phone(live_server, page, intern, dossier, axe):
    from bilan.synthesis import services as synthesis
    from bilan.synthesis.models import SynthesisVersion

    synthesis.synthesis_generate(dossier=dossier)
    url = f"{live_server.url}/dossiers/{dossier.pk}/synthesis/edit/"
    page.context.add_cookies(_session_cookie(live_server, intern))
    first, second = page, page.context.new_page()
    first.goto(url)
    second.goto(url)
    first.fill("#id_ouverture", "Mon ouverture, relue le soir (A).")
    first.locator("button", has_text="Enregistrer une nouvelle version").click()
    first.locator("text=Version 2 enregistrée.").wait_for()
    first.wait_for_load_state("networkidle")

    second.fill("#id_ouverture", "Mon ouverture, réécrite la nuit (B).")
    second.locator("button", has_text="Enregistrer une nouvelle version").click()
    second.locator("h1", has_text="modifié ailleurs").wait_for()
    assert second.locator(".conflict-pair").count() == 1  # only the section that differs
    axe.check(second)
    assert not axe.violations, "\n".join(axe.violations)
    assert SynthesisVersion.objects.count() == 2

    second.fill("#id_ouverture", "Mon ouverture, relue le soir et réécrite la nuit.")
    second.locator("button", has_text="Enregistrer ce texte").click()
    second.locator("text=Version 3 enregistrée.").wait_for()
    second.wait_for_load_state("networkidle")  # the home page counts the PDF's pages after load
    latest = SynthesisVersion.objects.order_by("-number").first()
    assert latest.sections["ouverture"] == "Mon ouverture, relue le soir et réécrite la nuit."
