"""Uploading traces from a phone: several files, extraction in the background, search."""

from __future__ import annotations

import pytest

from bilan.evidence.models import Trace
from bilan.jobs.services import jobs_run_pending

from ..extraction.extraction_samples import make_docx, make_email, write_mbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_extract_and_search(live_server, page, intern, dossier, tmp_path):
    page.context.add_cookies(_session_cookie(live_server, intern))
    report = tmp_path / "compte-rendu.docx"
    report.write_bytes(make_docx(["Réunion de chantier : planning des équipes validé."]))
    mailbox = write_mbox(tmp_path / "export.mbox", [make_email(), make_email(message_id="<2@x>")])

    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/traces/upload/")
    page.set_input_files("input[type=file]", [str(report), str(mailbox)])
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"**/dossiers/{dossier.pk}/traces/")
    assert Trace.objects.filter(dossier=dossier).count() == 1  # the mailbox is queued

    jobs_run_pending()  # what `bilan worker` does beside the server
    page.fill("input[name=q]", "equipe")  # accents and endings do not matter
    page.locator("form[role=search] button[type=submit]").click()
    page.locator("table a", has_text="Compte rendu").wait_for()
    assert "Merci pour ton aide" not in page.content()
    assert Trace.objects.filter(dossier=dossier, kind="email").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def _session_cookie(live_server, user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"]
    return [{"name": "sessionid", "value": session.value, "url": live_server.url}]
