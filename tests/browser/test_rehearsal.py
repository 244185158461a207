"""Rehearsing in a real browser: the timer walks the outline and the note keeps the time."""

from __future__ import annotations

import pytest

from bilan.rehearsal.models import Note
from bilan.synthesis.models import Synthesis
from bilan.synthesis.services import synthesis_save
from tests.rehearsal.conftest import SECTIONS

from .test_traces import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_timer_follows_the_outline_and_the_note_keeps_the_time(live_server, page, dossier, intern):
    synthesis_save(synthesis=Synthesis.objects.create(dossier=dossier), sections=SECTIONS)
    page.clock.install()
    page.context.add_cookies(_session_cookie(live_server, intern))
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/rehearsal/")
    page.locator("#rehearsal-timer").wait_for()  # shown only once the script runs
    first, second = (
        page.locator("#rehearsal-outline > li").nth(0),
        page.locator("#rehearsal-outline > li").nth(1),
    )
    intro_seconds = int(first.get_attribute("data-seconds"))

    page.click("#rehearsal-toggle")
    assert first.get_attribute("aria-current") == "step"
    page.clock.run_for((intro_seconds + 2) * 1000)
    assert second.get_attribute("aria-current") == "step"
    assert first.get_attribute("aria-current") is None
    assert "Déroulement" in page.locator("#rehearsal-status").inner_text()

    page.click("#rehearsal-next")  # jump to the third part
    assert page.locator("#rehearsal-outline > li").nth(2).get_attribute("aria-current") == "step"

    page.click("#rehearsal-toggle")  # pause
    elapsed = int(page.locator("input[name=elapsed_seconds]").input_value())
    third_start = int(page.locator("#rehearsal-outline > li").nth(2).get_attribute("data-start"))
    assert elapsed == third_start

    page.fill("textarea[name=text]", "Aller plus vite sur l'introduction")
    page.click("#rehearsal-note-form button[type=submit]")
    page.locator("text=Note enregistrée.").wait_for()
    note = Note.objects.get(dossier=dossier)
    assert note.elapsed_seconds == third_start and note.planned_seconds == 600
