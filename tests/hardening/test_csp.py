"""The Content-Security-Policy: sent on every page, and no page needs anything inline."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from bilan.demo.services import demo_load

# Script elements that hold data, not code: CSP does not run them.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineFinder(HTMLParser):
    """Collects everything a strict CSP would block: inline scripts and styles, handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._script_inline = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "style":
            self.found.append("<style>")
        if tag == "script" and not named.get("src"):
            self._script_inline = named.get("type") not in DATA_SCRIPT_TYPES
        for name, value in attrs:
            if name == "style":
                self.found.append(f"<{tag} style={value!r}>")
            elif name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            elif name in {"href", "src", "action", "formaction"} and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script_inline = False

    def handle_data(self, data: str) -> None:
        if self._script_inline and data.strip():
            self.found.append("<script>" + data.strip()[:60])


def inline_parts(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    return finder.found


def test_the_finder_sees_what_the_policy_blocks():
    html = (
        '<p style="color:red">x</p><button onclick="go()">y</button><script>alert(1)</script>'
        '<style>p{}</style><a href="javascript:void(0)">z</a>'
        '<script src="/static/a.js"></script><script type="application/json">{}</script>'
    )
    assert len(inline_parts(html)) == 5


def demo_pages(dossier) -> list[str]:
    d = dossier.pk
    objective = dossier.objectives.order_by("pk").first()
    entry = dossier.journal_entries.order_by("pk").first()
    trace = dossier.traces.order_by("pk").first()
    skill = dossier.skills.order_by("pk").first()
    example = dossier.examples.order_by("pk").first()
    pages = [
        reverse("dossiers:list"),
        reverse("dossiers:create"),
        reverse("accounts:preferences"),
        reverse("dossiers:home", args=[d]),
        reverse("dossiers:edit", args=[d]),
        reverse("dossiers:objectives", args=[d]),
        reverse("dossiers:objective_import", args=[d]),
        reverse("dossiers:objective_split", args=[d, objective.pk]),
        reverse("dossiers:objective_edit", args=[d, objective.pk]),
        reverse("dossiers:plan", args=[d]),
        reverse("dossiers:journal", args=[d]),
        reverse("dossiers:journal_edit", args=[d, entry.pk]),
        reverse("dossiers:weeks", args=[d]),
        reverse("skills:list", args=[d]),
        reverse("skills:pick", args=[d]) + "?q=communication",
        reverse("skills:frameworks", args=[d]),
        reverse("skills:edit", args=[d, skill.pk]),
        reverse("skills:examples", args=[d]),
        reverse("skills:example_create", args=[d]),
        reverse("skills:example_edit", args=[d, example.pk]),
        reverse("skills:highlights", args=[d]),
        reverse("skills:highlight_create", args=[d, "success"]),
        reverse("skills:feelings", args=[d]),
        reverse("skills:suggestions", args=[d]),
        reverse("evidence:list", args=[d]),
        reverse("evidence:detail", args=[d, trace.pk]),
        reverse("writing:readiness", args=[d]),
        reverse("synthesis:home", args=[d]),
        reverse("synthesis:edit", args=[d]),
        reverse("synthesis:versions", args=[d]),
        reverse("feedback:requests", args=[d]),
        reverse("feedback:invite", args=[d]),
        reverse("feedback:settings", args=[d]),
        reverse("feedback:results", args=[d]),
        reverse("meeting:index", args=[d]),
        reverse("meeting:pack", args=[d]),
        reverse("meeting:record", args=[d]),
        reverse("career:index", args=[d]),
    ]
    return pages


@pytest.fixture
def demo(db):
    result = demo_load()
    client = Client()
    client.force_login(result.user)
    return client, result.dossier


def assert_strict_page(response) -> None:
    assert response.status_code == 200, (response.request["PATH_INFO"], response)
    policy = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "form-action 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert inline_parts(response.content.decode()) == [], response.request["PATH_INFO"]


def test_every_main_page_of_the_demo_dossier_is_strict(demo):
    client, dossier = demo
    pages = demo_pages(dossier)
    for page in pages:
        assert_strict_page(client.get(page, follow=True))
    # The French pages and the English ones come from the same templates; one in English.
    client.post(reverse("accounts:language"), {"language": "en", "next": "/"})
    assert_strict_page(client.get(reverse("dossiers:home", args=[dossier.pk])))


@pytest.mark.parametrize(
    "name", ["landing", "accounts:login", "accounts:signup", "accounts:password_reset"]
)
def test_public_pages_are_strict(db, client, name):
    assert_strict_page(client.get(reverse(name)))


def test_error_pages_carry_the_policy(db, client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert inline_parts(response.content.decode()) == []
