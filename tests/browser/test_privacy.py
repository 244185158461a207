"""The privacy pages in Chromium at 375 px, French and English: axe-clean, no sideways scroll,
and an account deleted through the form."""

from __future__ import annotations

import pytest

from bilan.accounts.models import User
from bilan.dossiers.models import Dossier

from ..conftest import PASSWORD
from .test_traces import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_privacy_pages_and_erasure(live_server, browser, axe, dossier, intern, language):
    intern.language = language
    intern.save()
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale=language)
    page = context.new_page()
    page.set_default_timeout(10_000)
    axe.track(page)
    try:
        page.goto(f"{live_server.url}/privacy/")
        axe.check(page)
        assert page.locator("h1").inner_text() == (
            "Privacy and personal data"
            if language == "en"
            else "Confidentialité et données personnelles"
        )
        context.add_cookies(_session_cookie(live_server, intern))
        page.goto(f"{live_server.url}/accounts/preferences/")
        axe.check(page)
        page.locator("main a[href='/accounts/data/']").click()
        axe.check(page)
        page.locator("footer a[href='/privacy/']").wait_for()
        page.locator("a[href='/accounts/delete/']").click()
        axe.check(page)
        page.fill("input[name=password]", "not my password")
        page.check("input[name=confirm]")
        page.locator("button.danger").click()
        axe.check(page)
        assert User.objects.filter(pk=intern.pk).exists()
        page.fill("input[name=password]", PASSWORD)
        page.check("input[name=confirm]")
        page.locator("button.danger").click()
        page.wait_for_url(f"{live_server.url}/")
        axe.check(page)
        assert not User.objects.filter(email=intern.email).exists()
        assert not Dossier.objects.filter(pk=dossier.pk).exists()
        axe.assert_clean()
    finally:
        context.close()
