"""The tutor confirms the meeting record from the e-mailed link, in a real browser."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from bilan.dossiers import services as dossiers
from bilan.jobs.services import jobs_run_pending
from bilan.meeting import services as meeting
from bilan.meeting.models import Record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_tutor_confirms_and_the_record_freezes(live_server, page, dossier, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = live_server.url
    dossiers.dossier_update(
        dossier=dossier, tutor_name="Sophie Laurent", tutor_email="sophie@example.org"
    )
    meeting.meeting_record_update(
        dossier=dossier,
        tutor_said="Bonne capacité à structurer l'information.",
        agreed_axes="Présentations en dix diapositives maximum.",
        next_steps="Envoyer la synthèse au référent.",
        recommendation="agreed",
    )
    meeting.meeting_record_confirm(dossier=dossier)
    jobs_run_pending()
    link = re.search(r"https?://\S+/m/\S+/", mail.outbox[-1].body).group(0)

    page.goto(link)
    assert page.locator("text=Bonne capacité à structurer").is_visible()
    page.locator("button[value=confirm]").click()
    page.locator("text=Compte rendu confirmé").wait_for()
    record = Record.objects.get(dossier=dossier)
    assert record.is_frozen and record.tutor_confirmed_at is not None
