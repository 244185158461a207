"""The organisation's settings and the attestation page in Chromium: French on a desktop, English
at 375 px, axe-core's WCAG 2.1 A/AA rules on every page, nothing scrolling sideways on a phone."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from bilan.feedback.models import Criterion
from bilan.schools.grids import organisation_grid_create

from ..schools.orgsettings_world import build_school
from .test_traces import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _builtin_grid() -> None:
    """Transactional tests flush the database, data migrations included: the built-in grid the
    organisation copies is put back the way its migration creates it."""
    migration = importlib.import_module("bilan.feedback.migrations.0002_default_grid")
    migration.create(apps, None)


def _visit_all(page, axe, base: str, school, link, criterion) -> None:
    org = school.organisation.pk
    paths = [
        f"/schools/{org}/settings/",
        f"/schools/{org}/settings/details/",
        f"/schools/{org}/settings/policy/",
        f"/schools/{org}/settings/grids/",
        f"/schools/{org}/settings/grids/{link.pk}/",
        f"/schools/{org}/settings/grids/{link.pk}/criteria/{criterion.pk}/",
        f"/schools/{org}/settings/frameworks/",
        f"/cohorts/{school.cohort.pk}/interns/{school.enrolment.pk}/attestation/",
    ]
    for path in paths:
        response = page.goto(base + path)
        assert response is not None and response.status == 200, path
        axe.check(page)


@pytest.mark.parametrize(
    ("width", "locale", "heading"),
    [(1280, "fr-FR", "Réglages de l’organisation"), (375, "en-GB", "Organisation settings")],
)
def test_settings_pages_are_accessible(live_server, browser, axe, width, locale, heading):
    _builtin_grid()
    school = build_school()
    link = organisation_grid_create(organisation=school.organisation)
    criterion = Criterion.objects.filter(grid=link.grid).first()
    context = browser.new_context(viewport={"width": width, "height": 800}, locale=locale)
    page = context.new_page()
    page.set_default_timeout(10_000)
    axe.track(page)
    try:
        context.add_cookies(_session_cookie(live_server, school.admin))
        page.goto(f"{live_server.url}/schools/{school.organisation.pk}/settings/")
        assert page.locator("h1").inner_text() == heading
        axe.check(page)
        _visit_all(page, axe, live_server.url, school, link, criterion)

        # A criterion added from the page, with an error first.
        page.goto(f"{live_server.url}/schools/{school.organisation.pk}/settings/grids/{link.pk}/")
        axe.check(page)
        form = page.locator("form", has=page.locator("input[name='new-label_fr']"))
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        axe.check(page)  # the form again, with its error
        assert Criterion.objects.filter(grid=link.grid).count() == criterion.grid.criteria.count()
        form = page.locator("form", has=page.locator("input[name='new-label_fr']"))
        form.locator("input[name='new-label_fr']").fill("Rédiger un communiqué")
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        axe.check(page)
        assert Criterion.objects.filter(grid=link.grid, label_fr="Rédiger un communiqué").exists()

        # The intern's attestation page.
        context.clear_cookies()
        context.add_cookies(_session_cookie(live_server, school.intern))
        page.goto(f"{live_server.url}/dossiers/{school.dossier.pk}/attestation/")
        axe.check(page)
        page.fill("input[name=presence_hours]", "154")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        axe.check(page)
        assert "1 mois" in page.content() or "1 month" in page.content()
    finally:
        context.close()
    axe.assert_clean()
