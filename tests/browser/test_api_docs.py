"""The API's docs page in real Chromium: Swagger UI renders every operation, and the page
requests nothing outside the site."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# The policy the hardening work applies to every page: nothing inline, everything from here.
STRICT_CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "frame-ancestors 'none'; form-action 'self'"
)


def test_api_docs_render_from_local_files(live_server, page):
    # Served under a strict Content-Security-Policy, which a CDN or an inline script would break.
    def strict(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": STRICT_CSP}
        route.fulfill(response=response, headers=headers)

    page.route("**/api/v1/docs", strict)
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text and "script" in message.text
            else None
        ),
    )
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".opblock").first.wait_for()
    summaries = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/v1/enrolments" in text for text in summaries)
    assert len(summaries) >= 12
    assert errors == []
    assert refused == []
    host = urlsplit(live_server.url).netloc
    outside = [url for url in requested if urlsplit(url).netloc not in {host, ""}]
    assert outside == [], outside
    assert any(url.endswith("/api/v1/openapi.json") for url in requested)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_token_page_on_a_phone(live_server, page, axe, lang, tmp_path):
    """An admin creates a token on a phone: shown once, copied from a read-only field, then
    revoked; every load passes axe's WCAG 2.1 AA rules and nothing scrolls sideways."""
    from django.test import Client

    from bilan.api.models import ApiToken

    from ..api.conftest import school_make

    school = school_make("IUT Lumière", "lumiere")
    school.admin.language = lang
    school.admin.save()
    client = Client()
    client.force_login(school.admin)
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    axe.track(page)
    page.goto(f"{live_server.url}/schools/{school.organisation.pk}/api-tokens/")
    axe.check(page)
    page.locator("#id_name").fill("ERP stages")
    page.locator("select[name=scope]").select_option("write")
    create = "Créer le jeton" if lang == "fr" else "Create the token"
    page.get_by_role("button", name=create).click()
    secret = page.locator("#new-token").input_value()
    axe.check(page)
    page.screenshot(path=str(tmp_path / f"tokens-{lang}.png"), full_page=True)
    assert secret.startswith("bilan_")
    token = ApiToken.objects.get(name="ERP stages")
    assert token.scope == "write" and secret not in token.token_hash
    page.locator("tr", has_text="ERP stages").get_by_role("button").click()
    axe.check(page)
    token.refresh_from_db()
    assert token.revoked_at is not None
    axe.assert_clean()
