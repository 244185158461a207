"""The cohort dashboard in real Chromium: sorting by a header, filtering as one types (htmx),
a wide table that scrolls inside its frame with the names kept in view, cards on a phone, and
axe-core's WCAG 2.1 AA audit after every load and swap."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bilan.schools.models import Membership
from tests.conftest import make_user
from tests.schools.test_dashboard import enrol, enrol_many, new_cohort

from .test_phone import _shot
from .test_traces import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _referent_on_a_cohort(language: str = "fr"):
    cohort = new_cohort()
    referent = make_user("referente@iut.example.org", language=language)
    Membership.objects.create(
        organisation=cohort.programme.organisation, user=referent, role=Membership.Role.REFERENT
    )
    cohort.referents.add(referent)
    enrol_many(cohort, 60)
    enrol(cohort, "Inès", "Zèbre-Attente", joined=False)
    return cohort, referent


def test_sort_and_filter_as_you_type_on_a_desktop(live_server, browser, axe):
    cohort, referent = _referent_on_a_cohort()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    axe.track(page)
    context.add_cookies(_session_cookie(live_server, referent))
    page.goto(f"{live_server.url}/cohorts/{cohort.pk}/")
    axe.check(page)
    _shot(page, "dashboard-desktop")
    assert page.locator("tbody tr").count() == 50
    assert page.locator("tbody th").first.inner_text().startswith("Nom00000")

    # A header link sorts the whole cohort (a full page load, no JavaScript needed).
    page.locator("thead a", has_text="Préparation").click()
    page.wait_for_url("**sort=readiness**")
    axe.check(page)
    assert page.locator("thead th[aria-sort=ascending]").inner_text().strip() == "Préparation"

    # Typing filters without a click: htmx swaps the results, whose links keep the filters.
    page.fill("input[name=q]", "Zèbre")
    # expect(), not wait_for_function: the page's CSP forbids evaluating a string.
    expect(page.locator("#dashboard-results tbody tr")).to_have_count(1)
    assert "Zèbre-Attente" in page.locator("#dashboard-results tbody tr").inner_text()
    axe.check(page)
    export = page.locator("#dashboard-results a", has_text="Exporter en CSV")
    assert "q=Z%C3%A8bre" in export.get_attribute("href")
    assert "sort=readiness" in export.get_attribute("href")
    # The button loads the filtered page at an address one can bookmark.
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url("**q=Z%C3%A8bre**")
    axe.check(page)
    assert page.locator("tbody tr").count() == 1
    assert page.locator("select[name=per_page]").input_value() == "50"
    context.close()
    axe.assert_clean()


def test_wide_table_scrolls_in_its_frame_with_the_names_in_view(live_server, browser, axe):
    cohort, referent = _referent_on_a_cohort()
    context = browser.new_context(viewport={"width": 760, "height": 900}, locale="fr-FR")
    page = context.new_page()
    axe.track(page)
    context.add_cookies(_session_cookie(live_server, referent))
    page.goto(f"{live_server.url}/cohorts/{cohort.pk}/")
    axe.check(page)
    # The page itself does not scroll sideways; the table does, inside its frame.
    assert page.evaluate("document.documentElement.scrollWidth") <= 760
    frame = page.locator(".table-scroll")
    assert frame.evaluate("el => el.scrollWidth > el.clientWidth")
    name = page.locator("tbody th").first
    before = name.bounding_box()
    frame.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    _shot(page, "dashboard-scrolled")
    after = name.bounding_box()
    assert before and after and abs(after["x"] - before["x"]) < 1  # sticky name column
    context.close()
    axe.assert_clean()


def test_phone_shows_cards_in_english(live_server, page, axe):
    cohort, referent = _referent_on_a_cohort(language="en")
    axe.track(page)
    page.context.add_cookies(_session_cookie(live_server, referent))
    page.goto(f"{live_server.url}/cohorts/{cohort.pk}/?not_joined=on")
    axe.check(page)  # on 375 px this includes "nothing scrolls sideways"
    _shot(page, "dashboard-phone")
    card = page.locator("tbody tr").first
    assert "Zèbre-Attente" in card.inner_text()
    assert "invitation pending" in card.inner_text()
    assert page.locator("h2", has_text="Interns").count() == 1
    box = card.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375
    axe.assert_clean()
