"""The API's docs page in real Chromium: Swagger UI renders every operation, and the page
requests nothing outside the site."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_from_local_files(live_server, page):
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
    host = urlsplit(live_server.url).netloc
    outside = [url for url in requested if urlsplit(url).netloc not in {host, ""}]
    assert outside == [], outside
    assert any(url.endswith("/api/v1/openapi.json") for url in requested)
