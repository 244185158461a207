"""The school pages in Chromium at 375 px, in French and English: axe-core's WCAG 2.1 A/AA rules
and nothing scrolling sideways, for the admin, the referent and the intern."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bilan.schools.models import Enrolment
from bilan.schools.sharing import synthesis_submit
from bilan.synthesis.services import synthesis_generate
from tests.schools.conftest import (  # noqa: F401 — the school personas' fixtures
    other_admin,
    other_dossier,
    other_intern,
    other_referent,
    referent,
    school,
    school_admin,
)

from .axe import AxeAudit
from .test_phone import _shot
from .test_traces import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_school_pages_are_accessible_on_a_phone(
    lang, live_server, browser, axe: AxeAudit, request, intern
):
    world = request.getfixturevalue("school")
    admin = request.getfixturevalue("school_admin")
    follower = request.getfixturevalue("referent")
    enrolment = Enrolment.objects.get(pk=world.enrolment.pk)
    synthesis_generate(dossier=enrolment.dossier)
    synthesis_submit(enrolment=enrolment)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        share_journal=True,
        share_traces=True,
        share_feelings=True,
        share_drafts=True,
        share_tutor_evaluation=True,
    )
    for user in (admin, follower, intern):
        user.language = lang
        user.save()
    org = world.organisation.pk
    visits = [
        (
            admin,
            [
                reverse("schools:index"),
                reverse("schools:organisation", args=[org]),
                reverse("schools:members", args=[org]),
                reverse("schools:cohort_referents", args=[org, world.cohort.pk]),
                reverse("schools:cohort_delete", args=[org, world.cohort.pk]),
                reverse("schools:organisation_create"),
            ],
        ),
        (
            follower,
            [
                reverse("schools:intern", args=[world.cohort.pk, enrolment.pk]),
                reverse("schools:intern_synthesis", args=[world.cohort.pk, enrolment.pk]),
                *(
                    reverse(f"schools:intern_{part}", args=[world.cohort.pk, enrolment.pk])
                    for part in ("evaluation", "journal", "traces", "feelings", "drafts")
                ),
            ],
        ),
        (intern, [reverse("schools:my_school", args=[enrolment.dossier_id])]),
    ]
    for user, paths in visits:
        context = browser.new_context(
            viewport={"width": 375, "height": 800}, locale="fr-FR" if lang == "fr" else "en-GB"
        )
        context.add_cookies(_session_cookie(live_server, user))
        page = context.new_page()
        page.set_default_timeout(10_000)
        axe.track(page)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response is not None and response.status == 200, path
            assert page.locator("html").get_attribute("lang") == lang
            axe.check(page)
            _shot(page, f"school-{lang}-{path.strip('/').replace('/', '-')}")
        context.close()
    axe.assert_clean()
