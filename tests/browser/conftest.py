"""Real Chromium (Debian's package) driven by Playwright; no browser is downloaded."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("BILAN_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's `chromium` package "
            "(apt-get install chromium) or set BILAN_CHROMIUM.",
            pytrace=False,
        )
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # tests themselves happen outside it, between browser steps.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=shutil.which(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def axe():
    """Collects axe-core's WCAG 2.1 A/AA violations; printed on teardown if the test broke."""
    from .axe import AxeAudit

    audit = AxeAudit()
    yield audit
    if audit.violations:
        print("\n".join(audit.violations))  # shown with the failure
