"""On a 390 px phone: the header fits, the current step is on screen, touch targets are big
enough and the synthesis's PDF button is above the fold. Screenshots go to BILAN_SCREENSHOTS."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from bilan.demo import content
from bilan.dossiers.models import Dossier

from .test_traces import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 390, 844
MAX_HEADER = 64
MIN_TOUCH = 44


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, locale="fr-FR", has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _shot(page, name: str) -> None:
    folder = os.environ.get("BILAN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def _box(page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


def test_phone_layout(live_server, phone):
    call_command("demo", stdout=io.StringIO())
    dossier = Dossier.objects.get(owner__email=content.DEMO_EMAIL)
    phone.context.add_cookies(_session_cookie(live_server, dossier.owner))
    base = f"{live_server.url}/dossiers/{dossier.pk}"

    # The header fits on one line; the current step (far right in the bar) is scrolled into view.
    phone.goto(f"{base}/synthesis/")
    _shot(phone, "synthesis")
    assert _box(phone, "header.site")["height"] <= MAX_HEADER
    current = _box(phone, "ol.steps [aria-current=page]")
    assert current["x"] >= 0 and current["x"] + current["width"] <= WIDTH
    # The PDF button is above the fold, before the synthesis text.
    pdf = _box(phone, "a.button:text-is('PDF')")
    assert pdf["y"] + pdf["height"] <= HEIGHT
    assert pdf["height"] >= MIN_TOUCH
    assert phone.evaluate("document.documentElement.scrollWidth") <= WIDTH

    # The step bar tells it scrolls: the last step is reachable, a fade marks the hidden side.
    phone.goto(f"{base}/career/")
    current = _box(phone, "ol.steps [aria-current=page]")
    assert current["x"] >= 0 and current["x"] + current["width"] <= WIDTH

    # Journal actions are real touch targets.
    phone.goto(f"{base}/journal/")
    _shot(phone, "journal")
    heights = phone.eval_on_selector_all(
        "article.entry .actions a, article.entry .actions button",
        "els => els.map(e => e.getBoundingClientRect().height)",
    )
    assert heights and min(heights) >= MIN_TOUCH, heights
    steps = phone.eval_on_selector_all(
        "ol.steps a", "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert min(steps) >= MIN_TOUCH, steps
    assert _box(phone, "header.site")["height"] <= MAX_HEADER

    # The menu still reaches every header link.
    phone.goto(f"{base}/")
    _shot(phone, "home")
    phone.locator("header.site summary").click()
    _shot(phone, "menu")
    phone.locator("header.site >> text=Préférences").click()
    phone.wait_for_url("**/accounts/preferences/")


def test_desktop_header_shows_its_links(live_server, page, intern, dossier):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.context.add_cookies(_session_cookie(live_server, intern))
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/")
    assert page.locator("header.site >> text=Mes dossiers").is_visible()
    assert page.locator("header.site >> text=Se déconnecter").is_visible()
    assert not page.locator("header.site summary").is_visible()
    _shot(page, "desktop")


def test_synthesis_review_reads_at_full_width(live_server, page):
    call_command("demo", stdout=io.StringIO())
    dossier = Dossier.objects.get(owner__email=content.DEMO_EMAIL)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.add_cookies(_session_cookie(live_server, dossier.owner))
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/synthesis/")
    page.locator("button", has_text="Relire toute la synthèse").click()
    page.locator(".synthesis-coach").wait_for(timeout=60_000)
    page.locator(".synthesis-coach summary").click()
    page.locator(".synthesis-coach").scroll_into_view_if_needed()
    _shot(page, "review")
    # Not squeezed into a side column, and no Markdown markers in the reviewed text.
    assert _box(page, ".synthesis-coach")["width"] >= 900
    text = page.locator(".synthesis-coach .coach-text").inner_text()
    assert "**" not in text and "Difficultés et solutions" in text
