"""The meeting record: versions, confirmation by both, the tutor's link, frozen once confirmed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bilan.feedback import services as feedback
from bilan.jobs.models import Job
from bilan.jobs.services import jobs_run_pending
from bilan.meeting import services
from bilan.meeting.models import Record
from bilan.meeting.services import record_token_hash

from .conftest import body_of, token_in


def _url(token: str) -> str:
    return reverse("meeting_public:record", args=[token])


@pytest.fixture
def sent(written, smtp):
    """The intern confirms, the worker mails the tutor; returns (record, token)."""
    services.meeting_record_confirm(dossier=written.dossier)
    jobs_run_pending()
    record = Record.objects.get()
    return record, token_in(body_of(smtp.messages[-1]))


def test_edits_bump_the_version_and_void_confirmations(written):
    assert written.version == 1 and not written.intern_confirmed
    services.meeting_record_confirm(dossier=written.dossier)
    written.refresh_from_db()
    assert written.intern_confirmed and written.intern_confirmed_at
    same = {name: getattr(written, name) for name in Record.CONTENT_FIELDS}
    unchanged = services.meeting_record_update(dossier=written.dossier, **same)
    assert unchanged.version == 1 and unchanged.intern_confirmed
    changed = services.meeting_record_update(
        dossier=written.dossier, **(same | {"next_steps": "x"})
    )
    assert changed.version == 2 and not changed.intern_confirmed


def test_confirming_needs_content_and_a_tutor_address(dossier):
    with pytest.raises(ValidationError, match="Rédigez le compte rendu"):
        services.meeting_record_confirm(dossier=dossier)
    services.meeting_record_update(dossier=dossier, tutor_said="Bien.")
    with pytest.raises(ValidationError, match="e-mail de votre tuteur"):
        services.meeting_record_confirm(dossier=dossier)
    assert not Job.objects.filter(kind=services.JOB_SEND).exists()


def test_tutor_gets_a_personal_link_through_smtp(sent, smtp, client):
    record, token = sent
    assert smtp.envelopes[-1][1] == ["sophie@example.org"]
    message = smtp.messages[-1]
    assert str(message["Subject"]).strip() == (
        "Compte rendu de l'entretien de bilan de Camille Moreau : à confirmer"
    )
    assert message["Content-Language"] == "fr"
    body = body_of(message)
    assert "Bonjour Sophie Laurent" in body and "Coopérative Terres du Rhône" in body
    assert f"http://127.0.0.1:8000/m/{token}/" in body
    # Stored only as a purpose-bound SHA-256.
    assert record.token_hash == record_token_hash(token) and token not in record.token_hash
    assert record.link_version == record.version
    assert record.link_expires_at - record.link_sent_at == dt.timedelta(days=14)
    response = client.get(_url(token))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bonne capacité à structurer" in page and "Je confirme" in page
    assert response["Referrer-Policy"] == "same-origin"


def test_mail_is_in_the_tutors_language(written, smtp):
    item = feedback.feedback_request_create(
        dossier=written.dossier,
        name="Sophie Laurent",
        email="sophie.laurent@example.com",
        relationship="tutor",
        language="en",
        send=False,
    )
    services.meeting_record_confirm(dossier=written.dossier)
    jobs_run_pending()
    message = smtp.messages[-1]
    assert smtp.envelopes[-1][1] == [item.email]
    assert message["Content-Language"] == "en"


def test_both_confirmations_freeze_the_record(sent, client, intern_client):
    record, token = sent
    response = client.post(_url(token), {"action": "confirm"})
    assert response.status_code == 200
    assert "Compte rendu confirmé" in response.content.decode()
    record.refresh_from_db()
    assert record.is_frozen and record.tutor_confirmed_at and record.link_used_at
    assert record.frozen_at == record.tutor_confirmed_at
    with pytest.raises(ValidationError, match="ne peut plus être modifié"):
        services.meeting_record_update(dossier=record.dossier, tutor_said="Autre chose")
    with pytest.raises(ValidationError):
        services.meeting_record_confirm(dossier=record.dossier)
    response = intern_client.post(
        reverse("meeting:record", args=[record.dossier.pk]),
        {"tutor_said": "Réécrit", "recommendation": "declined"},
    )
    assert response.status_code == 400
    record.refresh_from_db()
    assert record.tutor_said.startswith("Bonne capacité") and record.recommendation == "agreed"
    page = intern_client.get(reverse("meeting:record", args=[record.dossier.pk])).content
    assert "ne peut plus être modifié" in page.decode()


def test_link_reused_after_confirmation_is_refused(sent, client):
    record, token = sent
    client.post(_url(token), {"action": "confirm"})
    confirmed_at = Record.objects.get().tutor_confirmed_at
    for response in (client.get(_url(token)), client.post(_url(token), {"action": "confirm"})):
        assert response.status_code == 410
        assert "déjà répondu" in response.content.decode()
    assert Record.objects.get().tutor_confirmed_at == confirmed_at


def test_an_edit_after_sending_kills_the_link(sent, client):
    record, token = sent
    services.meeting_record_update(
        dossier=record.dossier, tutor_said="Corrigé", recommendation="agreed"
    )
    response = client.post(_url(token), {"action": "confirm"})
    assert response.status_code == 410
    assert "a été modifié" in response.content.decode()
    record.refresh_from_db()
    assert record.tutor_confirmed_at is None and not record.is_frozen
    # Even if the intern confirms again, the old link stays dead: a new one is mailed.
    services.meeting_record_confirm(dossier=record.dossier)
    assert client.get(_url(token)).status_code == 410


def test_pending_job_for_an_old_version_sends_nothing(written, smtp):
    services.meeting_record_confirm(dossier=written.dossier)
    services.meeting_record_update(dossier=written.dossier, tutor_said="Changé")
    jobs_run_pending()
    assert not smtp.messages
    assert Record.objects.get().token_hash is None


def test_expired_link_is_refused(sent, client):
    record, token = sent
    Record.objects.filter(pk=record.pk).update(link_expires_at=timezone.now())
    response = client.post(_url(token), {"action": "confirm"})
    assert response.status_code == 410 and "expiré" in response.content.decode()
    assert Record.objects.get().tutor_confirmed_at is None


@pytest.mark.parametrize("mangle", [lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), str.upper])
def test_tampered_link_is_refused(sent, client, mangle):
    record, token = sent
    response = client.post(_url(mangle(token)), {"action": "confirm"})
    assert response.status_code == 404
    assert Record.objects.get().tutor_confirmed_at is None


def test_malformed_and_feedback_tokens_do_not_open_a_record(sent, client, dossier):
    record, token = sent
    assert client.get(_url("abc")).status_code == 404
    # A feedback link's token is hashed without the purpose prefix: it cannot match.
    Record.objects.filter(pk=record.pk).update(token_hash=record_token_hash("x" * 43))
    assert client.get(_url("x" * 43)).status_code == 200
    from bilan.core.public import token_hash

    Record.objects.filter(pk=record.pk).update(token_hash=token_hash("y" * 43))
    assert client.get(_url("y" * 43)).status_code == 404


def test_too_many_bad_links_are_rate_limited(client, settings, db):
    settings.BILAN_FEEDBACK_RATE_LIMIT = 2
    for _attempt in range(2):
        assert client.get(_url("z" * 43)).status_code == 404
    assert client.get(_url("z" * 43)).status_code == 429


def test_tutor_asks_for_a_correction(sent, client, intern_client, smtp):
    record, token = sent
    response = client.post(_url(token), {"action": "correct", "comment": "   "})
    assert response.status_code == 400
    assert "Indiquez ce qui doit être corrigé." in response.content.decode()
    assert Record.objects.get().correction_requested_at is None
    response = client.post(
        _url(token), {"action": "correct", "comment": "Le rendez-vous est le 4, pas le 14."}
    )
    assert response.status_code == 200
    record.refresh_from_db()
    assert record.correction_comment == "Le rendez-vous est le 4, pas le 14."
    assert not record.intern_confirmed and not record.is_frozen
    assert client.get(_url(token)).status_code == 410
    page = intern_client.get(reverse("meeting:record", args=[record.dossier.pk])).content
    assert "Le rendez-vous est le 4, pas le 14." in page.decode()
    # Corrected, confirmed again: a new link, and this one freezes the record.
    services.meeting_record_update(
        dossier=record.dossier, tutor_said="Le 4.", recommendation="agreed"
    )
    services.meeting_record_confirm(dossier=record.dossier)
    jobs_run_pending()
    new_token = token_in(body_of(smtp.messages[-1]))
    assert new_token != token
    assert client.post(_url(new_token), {"action": "confirm"}).status_code == 200
    assert Record.objects.get().is_frozen


def test_intern_views_write_and_confirm(intern_client, with_tutor):
    url = reverse("meeting:record", args=[with_tutor.pk])
    response = intern_client.post(url, {"tutor_said": "x" * 10_001, "recommendation": "agreed"})
    assert response.status_code == 400 and "la limite est de 10000" in response.content.decode()
    response = intern_client.post(url, {"tutor_said": "Bien", "recommendation": "peut-être"})
    assert response.status_code == 400
    assert not Record.objects.exists()
    response = intern_client.post(url, {"tutor_said": "Bien", "recommendation": "agreed"})
    assert response.status_code == 302
    response = intern_client.post(reverse("meeting:record_confirm", args=[with_tutor.pk]))
    assert response.status_code == 302
    record = Record.objects.get()
    assert record.intern_confirmed
    assert Job.objects.filter(kind=services.JOB_SEND, status="queued").count() == 1
