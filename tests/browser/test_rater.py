"""A colleague answers by link, on a phone, in English, with no account."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from bilan.feedback import services as feedback
from bilan.feedback.models import Answer
from bilan.jobs.services import jobs_run_pending
from bilan.skills import services as skills

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_colleague_answers_through_the_link(live_server, page, dossier, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = live_server.url
    canva = skills.dossier_skill_add(dossier=dossier, label="Canva", family="technical")
    request = feedback.feedback_request_create(
        dossier=dossier, name="Paul Martin", email="paul@example.org", language="en"
    )
    jobs_run_pending()
    link = re.search(r"https?://\S+/f/\S+/", mail.outbox[0].body).group(0)
    assert mail.outbox[0].to == ["Paul Martin <paul@example.org>"]

    page.goto(link)
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator("main a.button").click()  # past the GDPR notice
    page.get_by_label("Canva").check()
    page.locator("textarea[name=situation]").fill(
        "On 12 May Camille presented the benchmark of 8 cooperatives to the board; "
        "it helped us choose the new newsletter layout."
    )
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/thanks/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    answer = Answer.objects.get(request=request)
    assert list(answer.strengths.all()) == [canva]
    assert "8 cooperatives" in answer.situation
    request.refresh_from_db()
    assert request.answered_at is not None
