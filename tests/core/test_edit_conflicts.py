"""No lost work: two tabs (two clients of the same intern) editing the same long text.

Each test loads the form in A and B, saves in A, then saves in B: B gets the conflict page with
both texts (409), the database keeps A's text; B takes the saved text or merges, and the save
based on the current version goes through.
"""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from bilan.core.edits import VERSION_FIELD

pytestmark = pytest.mark.django_db


def _version(page: str) -> str:
    match = re.search(r'name="edit_version" value="([^"]*)"', page)
    assert match, "the form carries no version"
    return html.unescape(match.group(1))


def _theirs(page: str, name: str) -> str:
    match = re.search(rf'name="edit_theirs_{name}" [^>]*value="([^"]*)"', page, re.S)
    assert match, f"no saved text for {name}"
    return html.unescape(match.group(1))


def _textarea(page: str, name: str) -> str:
    match = re.search(rf'<textarea name="{name}"[^>]*>\n?(.*?)</textarea>', page, re.S)
    assert match, f"no textarea {name}"
    return html.unescape(match.group(1))


@pytest.fixture
def tabs(intern):
    a, b = Client(), Client()
    a.force_login(intern)
    b.force_login(intern)
    return a, b


def _conflict(
    tabs,
    url: str,
    *,
    data: dict[str, str],
    field: str,
    mine: str,
    theirs: str,
    load_url: str | None = None,
    **headers: str,
):
    """Load in both tabs, save ``theirs`` in A, then ``mine`` in B; return B's conflict page."""
    a, b = tabs
    version_a = _version(a.get(load_url or url, **headers).content.decode())
    version_b = _version(b.get(load_url or url, **headers).content.decode())
    assert version_a == version_b
    saved = a.post(url, {**data, field: theirs, VERSION_FIELD: version_a}, **headers)
    assert saved.status_code in (200, 302), saved.content.decode()[:500]
    assert "X-Bilan-Conflict" not in saved
    refused = b.post(url, {**data, field: mine, VERSION_FIELD: version_b}, **headers)
    page = refused.content.decode()
    assert refused["X-Bilan-Conflict"] == "1"
    assert "modifié ailleurs" in page
    assert html.escape(theirs) in page.replace("&#x27;", "&#39;") or theirs in html.unescape(page)
    assert _textarea(page, field) == mine
    assert _theirs(page, field) == theirs
    assert _version(page) != version_b
    return refused, page


def _merge(client: Client, url: str, page: str, *, data: dict[str, str], field: str, text: str):
    """Take the saved text (the no-JS button), then save a merge based on the current version."""
    taken = client.post(
        url,
        {
            **data,
            field: "ignored",
            VERSION_FIELD: _version(page),
            "edit_take": field,
            f"edit_theirs_{field}": _theirs(page, field),
        },
    )
    assert taken["X-Bilan-Conflict"] == "1"
    assert _textarea(taken.content.decode(), field) == _theirs(page, field)
    saved = client.post(url, {**data, field: text, VERSION_FIELD: _version(page)})
    assert saved.status_code in (200, 302), saved.content.decode()[:800]
    assert "X-Bilan-Conflict" not in saved
    return saved


# --- synthesis ---------------------------------------------------------------------------


def test_synthesis_two_tabs(tabs, dossier):
    from bilan.documents.model import TRAME
    from bilan.synthesis import services
    from bilan.synthesis.models import SynthesisVersion

    services.synthesis_generate(dossier=dossier)
    url = reverse("synthesis:edit", args=[dossier.pk])
    current = SynthesisVersion.objects.get().sections
    data = {key: current.get(key, "") for key in TRAME}
    refused, page = _conflict(
        tabs,
        url,
        data=data,
        field="ouverture",
        mine="Mon ouverture, écrite la nuit dans l'onglet B.",
        theirs="Mon ouverture, écrite dans l'onglet A.",
    )
    assert refused.status_code == 409
    assert SynthesisVersion.objects.count() == 2
    latest = SynthesisVersion.objects.order_by("-number").first()
    assert latest.sections["ouverture"] == "Mon ouverture, écrite dans l'onglet A."
    assert _version(page) == "2"

    _merge(tabs[1], url, page, data=data, field="ouverture", text="A puis B, fusionnés.")
    latest = SynthesisVersion.objects.order_by("-number").first()
    assert latest.number == 3
    assert latest.sections["ouverture"] == "A puis B, fusionnés."
