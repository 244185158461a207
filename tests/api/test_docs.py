"""The OpenAPI document and the docs page: served locally, no CDN, no inline script."""

from __future__ import annotations

import re

from django.contrib.staticfiles import finders


def test_openapi_document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    paths = set(schema["paths"])
    for path in (
        "/api/v1/organisations",
        "/api/v1/programmes/{programme_id}",
        "/api/v1/cohorts",
        "/api/v1/enrolments",
        "/api/v1/enrolments/{enrolment_id}/status",
        "/api/v1/enrolments/{enrolment_id}/synthesis/pdf",
    ):
        assert path in paths
    # Every operation documents the error format.
    for operations in schema["paths"].values():
        for operation in operations.values():
            assert operation["responses"]["401"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorOut"
            }


def test_docs_page_loads_nothing_from_elsewhere_and_has_no_inline_script(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-openapi-url="/api/v1/openapi.json"' in html
    assert "cdn" not in html.lower()
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html)
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S)
    assert len(scripts) == 2
    assert all('src="/static/' in attrs and not body.strip() for attrs, body in scripts)
    assert "<style" not in html and "style=" not in html and "onload=" not in html
    for asset in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css", "api/docs.js"):
        assert finders.find(asset), asset
        assert f"/static/{asset}" in html


def test_docs_assets_are_served(client):
    for asset in ("ninja/swagger-ui-bundle.js", "api/docs.js"):
        response = client.get(f"/static/{asset}")
        assert response.status_code == 200, asset
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert len(body) > 100
