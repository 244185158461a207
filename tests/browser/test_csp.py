"""The Content-Security-Policy in real Chromium: no page trips it, and htmx still works.

Every violation is caught by a `securitypolicyviolation` listener installed before any page
script (an init script, which the policy does not govern) and by the console's CSP errors.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from bilan.demo.services import demo_load
from bilan.skills.models import ProgressAxis

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push([e.violatedDirective, e.blockedURI || 'inline', e.sourceFile, e.lineNumber]
    .join(' '));
});
"""


def watch(page: Page) -> list[str]:
    console: list[str] = []
    page.context.add_init_script(LISTEN)
    page.on(
        "console",
        lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return console


def violations(page: Page, console: list[str]) -> list[str]:
    return list(page.evaluate("window.__csp || []")) + console


def test_key_pages_trip_no_csp_violation_and_htmx_works(live_server, page):
    demo = demo_load()
    dossier, base = demo.dossier, f"{live_server.url}/dossiers/{demo.dossier.pk}"
    console = watch(page)
    # The login page, anonymous, with a real login through the form.
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Adresse e-mail").fill(demo.user.email)
    page.get_by_label("Mot de passe").fill("bilan-demo-2026")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_server.url}/dossiers/**")
    assert violations(page, console) == []

    for path in (
        "/",
        "/objectives/",
        "/journal/",
        "/plan/",
        "/skills/",
        "/skills/feelings/",
        "/skills/highlights/",
        "/traces/",
        "/synthesis/",
        "/feedback/",
        "/meeting/",
        "/meeting/pack/",
        "/career/",
    ):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        assert violations(page, console) == [], path
        response = page.request.get(base + path)
        assert "default-src 'self'" in response.headers["content-security-policy"]

    # Home: htmx loads the coach's readiness card on its own; the progress bar is drawn by
    # behaviours.js (no style attribute in the HTML).
    page.goto(base + "/")
    readiness = page.locator("section[aria-labelledby=readiness-title]")
    expect(readiness.locator(".htmx-indicator")).to_have_count(0)
    bar = page.locator(".progress > span").first
    percent = int(bar.get_attribute("data-percent"))
    assert percent > 0
    width = page.evaluate(
        "(el) => el.getBoundingClientRect().width / el.parentElement.getBoundingClientRect().width",
        bar.element_handle(),
    )
    assert abs(width * 100 - percent) < 2

    # Feelings: an axis added through htmx replaces only its card, without reloading the page.
    page.goto(base + "/skills/feelings/")
    page.evaluate("window.__marker = 'same page'")
    axes = page.locator("#axes")
    axes.get_by_label("Nouvel axe de progrès, dans vos mots").fill("Oser prendre la parole")
    axes.get_by_role("button", name="Ajouter").click()
    expect(axes.get_by_text("Oser prendre la parole", exact=True)).to_be_visible()
    assert page.evaluate("window.__marker") == "same page"
    assert ProgressAxis.objects.filter(dossier=dossier, text="Oser prendre la parole").exists()

    # Journal: deleting asks first (data-confirm, behaviours.js); refusing keeps the entry.
    page.goto(base + "/journal/")
    count = dossier.journal_entries.count()
    first_delete = page.locator("form[data-confirm] button").first
    page.once("dialog", lambda dialog: dialog.dismiss())
    first_delete.click()
    page.wait_for_timeout(300)
    assert dossier.journal_entries.count() == count
    page.once("dialog", lambda dialog: dialog.accept())
    first_delete.click()
    page.wait_for_load_state("networkidle")
    assert dossier.journal_entries.count() == count - 1

    assert violations(page, console) == []


def test_an_inline_script_would_be_reported(live_server, page):
    """The watch is able to fail: an inline handler injected into a page is refused."""
    console = watch(page)
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
        " document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.x") is None
    assert any("script-src" in line for line in violations(page, console))
