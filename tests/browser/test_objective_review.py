"""Two objectives open for editing: the coach's answer lands under the text it read."""

from __future__ import annotations

import pytest

from bilan.dossiers import services

from .test_traces import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coach_review_of_the_second_objective_appears_under_it(live_server, page, intern, dossier):
    first = services.objective_create(dossier=dossier, title="Animer les réseaux sociaux")
    second = services.objective_create(dossier=dossier, title="Rédiger la newsletter")
    page.context.add_cookies(_session_cookie(live_server, intern))
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/objectives/")

    for objective in (first, second):
        page.locator(f"#objective-{objective.pk}").get_by_text("Modifier").click()
        page.locator(f"form#objective-{objective.pk}").wait_for()
    first_form = page.locator(f"form#objective-{first.pk}")
    second_form = page.locator(f"form#objective-{second.pk}")
    first_form.locator("textarea[name=actual]").fill("J'ai publié trois posts par semaine.")
    second_form.locator("textarea[name=actual]").fill(
        "J'ai fait des choses diverses et variées pour la newsletter."
    )
    second_form.locator(".field", has=page.locator("textarea[name=actual]")).get_by_text(
        "Relire avec le coach"
    ).click()

    second_form.locator(".coach-review").wait_for()
    review = second_form.locator(".coach-review").inner_text()
    assert "phrase relue" in review
    assert first_form.locator(".coach-review").count() == 0
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))
