"""Submitting one form never silently wipes what was typed in another form of the same page."""

from __future__ import annotations

import pytest

from bilan.skills.models import Feelings, ProgressAxis

from .test_traces import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FEELINGS = {
    "culture": "Une coopérative où chaque décision passe en assemblée.",
    "atmosphere": "Calme le matin, réunions debout à 14 h.",
    "team": "Une équipe de quatre qui relit mes textes avant publication.",
    "motivation": "Voir mes publications reprises par les adhérents.",
    "applications": "Je choisirai un master en communication des organisations.",
}


def test_adding_an_axis_keeps_the_ressentis_typed_above(live_server, page, intern, dossier):
    page.context.add_cookies(_session_cookie(live_server, intern))
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/skills/feelings/")
    for name, text in FEELINGS.items():
        page.fill(f"#id_{name}", text)

    add = page.locator("form[action$='/feelings/axes/']")
    add.locator("[name=text]").fill("Préparer mes réunions avec un ordre du jour")
    add.locator("button[type=submit]").click()
    page.locator("ul.axes li", has_text="Préparer mes réunions").wait_for()

    for name, text in FEELINGS.items():
        assert page.input_value(f"#id_{name}") == text
    assert list(ProgressAxis.objects.filter(dossier=dossier).values_list("text", flat=True)) == [
        "Préparer mes réunions avec un ordre du jour"
    ]
    assert not Feelings.objects.filter(dossier=dossier).exclude(culture="").exists()

    # Deleting it through htmx keeps the text too; then saving stores all five fields.
    page.locator("ul.axes li button", has_text="Supprimer").click()
    page.locator("ul.axes li").first.wait_for(state="detached")
    assert ProgressAxis.objects.filter(dossier=dossier).count() == 0
    assert page.input_value("#id_culture") == FEELINGS["culture"]

    # Leaving by a link asks first (the browser's own "leave the page?" dialog).
    kinds: list[str] = []

    def stay(dialog):
        kinds.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.locator("ol.steps a", has_text="Accueil").click()
    page.wait_for_timeout(500)
    page.remove_listener("dialog", stay)
    assert kinds == ["beforeunload"]
    assert page.input_value("#id_team") == FEELINGS["team"]

    page.locator("main form.card button[type=submit]", has_text="Enregistrer").click()
    page.locator("text=Ressentis enregistrés").wait_for()
    stored = Feelings.objects.get(dossier=dossier)
    assert {name: getattr(stored, name) for name in FEELINGS} == FEELINGS


def test_a_full_page_submit_asks_before_dropping_an_open_edit(live_server, page, intern, dossier):
    objective = dossier.objectives.create(title="Animer les réseaux sociaux", position=99)
    before = dossier.objectives.count()
    page.context.add_cookies(_session_cookie(live_server, intern))
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/objectives/")
    page.locator(f"#objective-{objective.pk} >> text=Modifier").click()
    edit = page.locator(f"form#objective-{objective.pk}")
    edit.locator("textarea[name=actual]").fill("Trois publications par semaine sur LinkedIn")

    # Another form on the page reloads it: the intern is asked first; saying no keeps the text.
    page.fill("form[action$='/objectives/add/'] [name=title]", "Rédiger la newsletter de juin")
    dialogs: list[str] = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.locator("form[action$='/objectives/add/'] button[type=submit]").click()
    page.wait_for_timeout(300)
    assert dialogs and "sans l’enregistrer" in dialogs[0]
    assert edit.locator("textarea[name=actual]").input_value() == (
        "Trois publications par semaine sur LinkedIn"
    )
    assert dossier.objectives.count() == before

    # Saying yes goes on, as the intern chose.
    page.remove_listener("dialog", dismiss)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("form[action$='/objectives/add/'] button[type=submit]").click()
    page.locator("text=Rédiger la newsletter de juin").wait_for()
    assert dossier.objectives.count() == before + 1
