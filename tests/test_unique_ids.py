"""No page repeats an element id: labels, htmx targets and the coach's answers rely on them.

Logged in as the demo intern, the test walks every URL pattern of the app with the demo's ids,
follows the same-dossier links that carry a query string, and opens every htmx partial a page
loads (each objective's edit form at once, for instance), as if every edit were open together.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from bilan.core.public import token_hash, token_new
from bilan.demo import content
from bilan.dossiers.models import Dossier
from bilan.evidence.models import MailboxImport, Trace
from bilan.feedback.models import Answer, Discovery, FeedbackRequest
from bilan.meeting.models import Question, Record
from bilan.meeting.services import TOKEN_PURPOSE
from bilan.rehearsal.models import Note as RehearsalNote
from bilan.schools.models import Organisation
from bilan.skills.models import Example, Highlight, ProgressAxis, Suggestion

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


@dataclass
class _Element:
    id: str | None
    hx_get: str = ""
    target: str = ""
    swap: str = "innerHTML"
    inner_ids: list[str] = field(default_factory=list)
    # For hx-target="closest <tag>": the nearest enclosing element of that tag, if any.
    closest: _Element | None = None


class _Ids(HTMLParser):
    """Ids in document order, the root element's id, htmx loads and what each would replace."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.root_id: str | None = None
        self.by_id: dict[str, _Element] = {}
        self.loaders: list[_Element] = []
        self.links: list[str] = []
        self._open: list[tuple[str, _Element]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        element = _Element(id=values.get("id"))
        if element.id is not None:
            self.ids.append(element.id)
            if not self._open and self.root_id is None:
                self.root_id = element.id
            for _, ancestor in self._open:
                ancestor.inner_ids.append(element.id)
            self.by_id.setdefault(element.id, element)
        if "hx-get" in values:
            element.hx_get = values["hx-get"]
            element.target = values.get("hx-target", "")
            element.swap = values.get("hx-swap", "innerHTML").split()[0]
            if element.target.startswith("closest "):
                wanted = element.target.split(None, 1)[1]
                element.closest = next(
                    (el for tag_, el in reversed(self._open) if tag_ == wanted), None
                )
            self.loaders.append(element)
        if tag == "a" and "?" in values.get("href", ""):
            self.links.append(values["href"])
        if tag not in _VOID:
            self._open.append((tag, element))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                return

    def replaced_by(self, loader: _Element) -> list[str]:
        """Ids an htmx load takes out of the page before putting its own in."""
        target = loader if loader.target in ("", "this") else None
        if loader.target.startswith("#"):
            target = self.by_id.get(loader.target[1:])
        if loader.target.startswith("closest "):
            if loader.closest is None and loader.swap == "innerHTML":
                # A partial polling itself: its host element is outside this fragment, and
                # the load replaces the whole fragment.
                return list(self.ids)
            target = loader.closest
        if target is None:
            return []
        if loader.swap == "outerHTML":
            return [*([target.id] if target.id else []), *target.inner_ids]
        return list(target.inner_ids) if loader.swap == "innerHTML" else []


def _parse(html: str) -> _Ids:
    parser = _Ids()
    parser.feed(html)
    return parser


def _routes(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner or "")
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield prefix + str(pattern.pattern), name


def _first(queryset) -> int | None:
    return queryset.order_by("pk").values_list("pk", flat=True).first()


def _id_sources(dossier: Dossier) -> dict[str, Callable[[], object]]:
    return {
        "dossier_id": lambda: dossier.pk,
        "objective_id": lambda: _first(dossier.objectives.all()),
        "entry_id": lambda: _first(dossier.journal_entries.all()),
        "skill_id": lambda: _first(dossier.skills.all()),
        "example_id": lambda: _first(Example.objects.filter(dossier=dossier)),
        "highlight_id": lambda: _first(Highlight.objects.filter(dossier=dossier)),
        "axis_id": lambda: _first(ProgressAxis.objects.filter(dossier=dossier)),
        "suggestion_id": lambda: _first(Suggestion.objects.filter(dossier=dossier)),
        "trace_id": lambda: _first(Trace.objects.filter(dossier=dossier)),
        "import_id": lambda: _first(MailboxImport.objects.filter(dossier=dossier)),
        "request_id": lambda: _first(FeedbackRequest.objects.filter(dossier=dossier)),
        "answer_id": lambda: _first(Answer.objects.filter(request__dossier=dossier)),
        "discovery_id": lambda: _first(Discovery.objects.filter(answer__request__dossier=dossier)),
        "question_id": lambda: _first(Question.objects.filter(dossier=dossier)),
        "line_id": lambda: _first(dossier.cv_lines.all()),
        # An organisation's API token (bilan/api): the demo has none.
        "token_id": lambda: None,
        "number": lambda: dossier.synthesis.versions.order_by("number").last().number,
        "kind": lambda: Highlight.Kind.values[0],
        "target_kind": lambda: "objective",
        "target_id": lambda: _first(dossier.objectives.all()),
        "note_id": lambda: _first(RehearsalNote.objects.filter(dossier=dossier)),
        "fmt": lambda: "html",
        "cohort_id": lambda: getattr(getattr(dossier, "enrolment", None), "cohort_id", None),
        # The school's pages: the demo intern gets 404 there, the referent's sweep is in
        # tests/schools; ids of organisation-owned grids and frameworks have no demo value.
        "enrolment_id": lambda: getattr(getattr(dossier, "enrolment", None), "pk", None),
        "organisation_id": lambda: Organisation.objects.values_list("pk", flat=True).first(),
        "programme_id": lambda: None,
        "membership_id": lambda: None,
        "link_id": lambda: None,
        "criterion_id": lambda: None,
        # An account export's id (privacy): none exists for the demo, so its page is skipped.
        "export_id": lambda: None,
    }


# Reached only from outside (links sent by e-mail, tokens stored hashed) or not pages at all.
_SKIPPED_PARAMS = {"token", "uidb64"}


def _urls(dossier: Dossier) -> list[str]:
    sources = _id_sources(dossier)
    urls = []
    for route, name in _routes(get_resolver().url_patterns):
        params = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if _SKIPPED_PARAMS & set(params):
            continue
        kwargs = {param: sources[param]() for param in params}
        if None in kwargs.values():
            continue
        urls.append(reverse(name, kwargs=kwargs))
    return urls


def _page_ids(client: Client, html: str) -> list[str]:
    """Ids of the page with every htmx partial it offers loaded at once."""
    page = _parse(html)
    ids = Counter(page.ids)
    for loader in page.loaders:
        if not loader.hx_get.startswith("/dossiers/"):
            continue
        response = client.get(loader.hx_get, headers={"HX-Request": "true"})
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        ids.subtract(page.replaced_by(loader))
        ids.update(_parse(response.content.decode()).ids)
    return [name for name, count in ids.items() for _ in range(max(count, 0))]


@pytest.fixture
def demo_client(db) -> tuple[Client, Dossier]:
    call_command("demo", stdout=StringIO())
    dossier = Dossier.objects.get(owner__email=content.DEMO_EMAIL)
    client = Client()
    client.force_login(dossier.owner)
    return client, dossier


def _duplicates(ids: list[str]) -> list[str]:
    return sorted(name for name, count in Counter(ids).items() if count > 1)


def test_helper_sees_duplicates_and_what_a_swap_replaces():
    html = '<div id="a"><span id="b"></span></div><div id="b"></div>'
    assert _duplicates(_parse(html).ids) == ["b"]
    page = _parse(
        '<section hx-get="/x/"><h2 id="t"></h2><input id="i"></section>'
        '<div id="row"><p id="p"></p></div><a hx-get="/y/" hx-target="#row" hx-swap="outerHTML">'
    )
    first, second = page.loaders
    assert page.replaced_by(first) == ["t", "i"]
    assert page.replaced_by(second) == ["row", "p"]


def test_no_page_of_the_demo_dossier_repeats_an_id(demo_client):
    client, dossier = demo_client
    seen: set[str] = set()
    queue = _urls(dossier)
    checked, problems = 0, {}
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        checked += 1
        duplicates = _duplicates(_page_ids(client, html))
        if duplicates:
            problems[url] = duplicates
        for link in _parse(html).links:
            parts = urlsplit(link)
            if parts.path.startswith(f"/dossiers/{dossier.pk}/") and len(seen) < 400:
                queue.append(link)
    assert problems == {}
    # Every page of the dossier was reached, not a handful.
    assert checked >= 45


def test_objectives_page_with_every_edit_open_has_unique_coach_targets(demo_client):
    client, dossier = demo_client
    page = client.get(reverse("dossiers:objectives", args=[dossier.pk])).content.decode()
    ids = _page_ids(client, page)
    coach_targets = [name for name in ids if name.startswith("coach-")]
    assert len(coach_targets) >= 3 * dossier.objectives.count()
    assert _duplicates(ids) == []


def test_pages_reached_by_a_link_or_signed_out_repeat_no_id(demo_client):
    """The rater's questionnaire, the tutor's meeting record, and the signed-out pages."""
    _, dossier = demo_client
    client = Client()
    urls = [reverse(name) for name in ("landing", "accounts:login", "accounts:signup")]
    urls.append(reverse("accounts:password_reset"))
    later = timezone.now() + dt.timedelta(days=7)
    for feedback_request in FeedbackRequest.objects.filter(dossier=dossier):
        token = token_new()
        FeedbackRequest.objects.filter(pk=feedback_request.pk).update(
            token_hash=token_hash(token), expires_at=later, revoked_at=None
        )
        urls += [
            reverse("feedback_public:notice", args=[token]),
            reverse("feedback_public:answer", args=[token]),
        ]
    record = Record.objects.filter(dossier=dossier).first()
    if record is not None:
        token = token_new()
        Record.objects.filter(pk=record.pk).update(
            token_hash=token_hash(token, purpose=TOKEN_PURPOSE),
            link_version=record.version,
            link_expires_at=later,
            frozen_at=None,
        )
        urls.append(reverse("meeting_public:record", args=[token]))
    problems, pages = {}, 0
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            continue
        pages += 1
        duplicates = _duplicates(_page_ids(client, response.content.decode()))
        if duplicates:
            problems[url] = duplicates
    assert problems == {}
    assert pages >= 10
