"""Every school page (GET and POST) against every persona: exactly 200, a redirect to the login
page, or 404. Add a page by adding a `Page` to PAGES; nothing else to change.

The world is built once per page; personas who must be refused go first, so that a page that
changes things (a deletion) is only performed by an allowed persona, at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from bilan.evidence.models import Trace
from bilan.schools.models import Enrolment, Membership
from bilan.schools.sharing import synthesis_submit
from bilan.synthesis.services import synthesis_generate

from .conftest import PERSONAS, School

STAFF = {"referent", "school_admin"}  # who follows `cohort`
ADMIN = {"school_admin"}
OWNER = {"intern"}


def share_everything(school: School) -> None:
    enrolment = school.enrolment
    for flag in (
        "share_tutor_evaluation",
        "share_journal",
        "share_traces",
        "share_feelings",
        "share_drafts",
    ):
        setattr(enrolment, flag, True)
    enrolment.save()
    synthesis_generate(dossier=enrolment.dossier)
    synthesis_submit(enrolment=Enrolment.objects.get(pk=enrolment.pk))


def a_trace(school: School) -> Trace:
    return Trace.objects.create(
        dossier=school.enrolment.dossier,
        source=Trace.Source.UPLOAD,
        title="Compte rendu de réunion",
        file=ContentFile(b"ordre du jour", name="cr.txt"),
        filename="cr.txt",
    )


@dataclass(frozen=True)
class Page:
    name: str
    url: Callable[[School], str]
    allowed: set[str]
    method: str = "get"
    data: Callable[[School], dict] = field(default=lambda school: {})
    ok: int = 200  # what an allowed persona gets
    setup: Callable[[School], object] | None = None


def org(school: School) -> int:
    return school.organisation.pk


def intern_url(name: str, *extra: int) -> Callable[[School], str]:
    return lambda s: reverse(name, args=[s.cohort.pk, s.enrolment.pk, *extra])


PAGES = [
    Page(
        "schools:index",
        lambda s: reverse("schools:index"),
        set(PERSONAS) - {"anonymous"} - {"tutor_link", "colleague_link"},
    ),
    Page(
        "schools:organisation_create",
        lambda s: reverse("schools:organisation_create"),
        set(PERSONAS) - {"anonymous", "tutor_link", "colleague_link"},
    ),
    Page(
        "schools:organisation_create POST",
        lambda s: reverse("schools:organisation_create"),
        set(PERSONAS) - {"anonymous", "tutor_link", "colleague_link"},
        method="post",
        data=lambda s: {"name": "Nouvelle école", "kind": "school"},
        ok=302,
    ),
    Page("schools:organisation", lambda s: reverse("schools:organisation", args=[org(s)]), ADMIN),
    Page(
        "schools:programme_create",
        lambda s: reverse("schools:programme_create", args=[org(s)]),
        ADMIN,
    ),
    Page(
        "schools:programme_create POST",
        lambda s: reverse("schools:programme_create", args=[org(s)]),
        ADMIN,
        method="post",
        data=lambda s: {"name": "Licence pro", "level": ""},
        ok=302,
    ),
    Page(
        "schools:programme_edit",
        lambda s: reverse("schools:programme_edit", args=[org(s), s.programme.pk]),
        ADMIN,
    ),
    Page(
        "schools:programme_edit POST",
        lambda s: reverse("schools:programme_edit", args=[org(s), s.programme.pk]),
        ADMIN,
        method="post",
        data=lambda s: {"name": "BUT Info-Com", "level": "BUT 2"},
        ok=302,
    ),
    Page(
        "schools:programme_delete",
        lambda s: reverse("schools:programme_delete", args=[org(s), s.programme.pk]),
        ADMIN,
    ),
    Page(
        "schools:programme_delete POST",
        lambda s: reverse("schools:programme_delete", args=[org(s), s.programme.pk]),
        ADMIN,
        method="post",
        ok=302,
    ),
    Page(
        "schools:cohort_create",
        lambda s: reverse("schools:cohort_create", args=[org(s), s.programme.pk]),
        ADMIN,
    ),
    Page(
        "schools:cohort_create POST",
        lambda s: reverse("schools:cohort_create", args=[org(s), s.programme.pk]),
        ADMIN,
        method="post",
        data=lambda s: {"name": "Info-Com 2027", "year": "2027", "join_open": "on"},
        ok=302,
    ),
    Page(
        "schools:cohort_edit",
        lambda s: reverse("schools:cohort_edit", args=[org(s), s.cohort.pk]),
        ADMIN,
    ),
    Page(
        "schools:cohort_edit POST",
        lambda s: reverse("schools:cohort_edit", args=[org(s), s.cohort.pk]),
        ADMIN,
        method="post",
        data=lambda s: {"name": "Info-Com 2026 bis", "year": "2026"},
        ok=302,
    ),
    Page(
        "schools:cohort_delete",
        lambda s: reverse("schools:cohort_delete", args=[org(s), s.cohort.pk]),
        ADMIN,
    ),
    Page(
        "schools:cohort_delete POST",
        lambda s: reverse("schools:cohort_delete", args=[org(s), s.cohort.pk]),
        ADMIN,
        method="post",
        ok=302,
    ),
    Page(
        "schools:cohort_code POST",
        lambda s: reverse("schools:cohort_code", args=[org(s), s.cohort.pk]),
        ADMIN,
        method="post",
        ok=302,
    ),
    Page(
        "schools:cohort_referents",
        lambda s: reverse("schools:cohort_referents", args=[org(s), s.cohort.pk]),
        ADMIN,
    ),
    Page(
        "schools:cohort_referents POST",
        lambda s: reverse("schools:cohort_referents", args=[org(s), s.cohort.pk]),
        ADMIN,
        method="post",
        data=lambda s: {"referents": []},
        ok=302,
    ),
    Page("schools:members", lambda s: reverse("schools:members", args=[org(s)]), ADMIN),
    Page(
        "schools:members POST",
        lambda s: reverse("schools:members", args=[org(s)]),
        ADMIN,
        method="post",
        data=lambda s: {"email": "nouvelle@iut.example.org", "role": "referent"},
        ok=302,
    ),
    Page(
        "schools:member_remove",
        lambda s: reverse(
            "schools:member_remove",
            args=[
                org(s),
                Membership.objects.get(
                    organisation=s.organisation,
                    role="referent",
                    user__email="referent@iut.example.org",
                ).pk,
            ],
        ),
        ADMIN,
    ),
    Page(
        "schools:member_remove POST",
        lambda s: reverse(
            "schools:member_remove",
            args=[
                org(s),
                Membership.objects.get(
                    organisation=s.organisation,
                    role="referent",
                    user__email="referent@iut.example.org",
                ).pk,
            ],
        ),
        ADMIN,
        method="post",
        ok=302,
    ),
    Page(
        "schools:my_school",
        lambda s: reverse("schools:my_school", args=[s.enrolment.dossier_id]),
        OWNER,
    ),
    Page(
        "schools:my_school POST",
        lambda s: reverse("schools:my_school", args=[s.enrolment.dossier_id]),
        OWNER,
        method="post",
        data=lambda s: {"share_journal": "on"},
        ok=302,
    ),
    Page(
        "schools:my_school_submit POST",
        lambda s: reverse("schools:my_school_submit", args=[s.enrolment.dossier_id]),
        OWNER,
        method="post",
        ok=302,
        setup=lambda s: synthesis_generate(dossier=s.enrolment.dossier),
    ),
    Page("schools:intern", intern_url("schools:intern"), STAFF),
    Page(
        "schools:intern_synthesis",
        intern_url("schools:intern_synthesis"),
        STAFF,
        setup=share_everything,
    ),
    Page(
        "schools:intern_synthesis_pdf",
        intern_url("schools:intern_synthesis_pdf"),
        STAFF,
        setup=share_everything,
    ),
    Page(
        "schools:intern_evaluation",
        intern_url("schools:intern_evaluation"),
        STAFF,
        setup=share_everything,
    ),
    Page(
        "schools:intern_journal",
        intern_url("schools:intern_journal"),
        STAFF,
        setup=share_everything,
    ),
    Page(
        "schools:intern_traces", intern_url("schools:intern_traces"), STAFF, setup=share_everything
    ),
    Page(
        "schools:intern_trace_download",
        lambda s: reverse(
            "schools:intern_trace_download", args=[s.cohort.pk, s.enrolment.pk, a_trace(s).pk]
        ),
        STAFF,
        setup=share_everything,
    ),
    Page(
        "schools:intern_feelings",
        intern_url("schools:intern_feelings"),
        STAFF,
        setup=share_everything,
    ),
    Page(
        "schools:intern_drafts", intern_url("schools:intern_drafts"), STAFF, setup=share_everything
    ),
]

# Staff pages an unshared part must keep closed even to the intern's own referent.
SHARED_ONLY = [
    "schools:intern_evaluation",
    "schools:intern_journal",
    "schools:intern_traces",
    "schools:intern_feelings",
    "schools:intern_drafts",
]


def expected(page: Page, persona: str) -> int:
    if persona in page.allowed:
        return page.ok
    if persona in {"anonymous", "tutor_link", "colleague_link"}:
        return 302  # to the login page
    return 404


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_persona_gets_exactly_what_it_should(page, school, persona_client):
    if page.setup:
        page.setup(school)
    url = page.url(school)
    refused_first = sorted(PERSONAS, key=lambda persona: persona in page.allowed)
    for persona in refused_first:
        client = persona_client(persona)
        response = getattr(client, page.method)(url, page.data(school))
        want = expected(page, persona)
        assert response.status_code == want, (persona, response.status_code)
        if want == 302 and persona not in page.allowed:
            assert response["Location"].startswith(reverse("accounts:login")), persona


@pytest.mark.parametrize("name", SHARED_ONLY)
def test_unshared_parts_are_404_even_for_the_cohorts_staff(name, school, persona_client):
    url = reverse(name, args=[school.cohort.pk, school.enrolment.pk])
    for persona in sorted(STAFF):
        assert persona_client(persona).get(url).status_code == 404, persona


def test_unsubmitted_synthesis_is_404(school, persona_client):
    synthesis_generate(dossier=school.enrolment.dossier)
    for name in ("schools:intern_synthesis", "schools:intern_synthesis_pdf"):
        url = reverse(name, args=[school.cohort.pk, school.enrolment.pk])
        assert persona_client("referent").get(url).status_code == 404


def test_an_enrolment_of_another_cohort_through_this_cohort_is_404(school, persona_client):
    """The referent follows `cohort`; the other intern's enrolment is not reachable by
    swapping ids in the address, whatever the cohort id."""
    client = persona_client("referent")
    for cohort in (school.cohort, school.other_cohort):
        url = reverse("schools:intern", args=[cohort.pk, school.other_enrolment.pk])
        assert client.get(url).status_code == 404
