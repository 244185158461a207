"""Invitations and reminders over real SMTP (aiosmtpd on loopback), sent by the worker."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import formats, timezone, translation

from bilan.feedback import services
from bilan.feedback.models import FeedbackRequest
from bilan.jobs.models import Job
from bilan.meeting import services as meeting_services

from .conftest import token_in

PARIS = ZoneInfo("Europe/Paris")


def _body(message) -> str:
    part = message.get_body(preferencelist=("plain",))
    return part.get_content()


def _due_now(kind: str) -> None:
    Job.objects.filter(kind=kind, status=Job.Status.QUEUED).update(run_after=timezone.now())


def test_invitation_goes_out_through_smtp_with_a_working_link(smtp, dossier, run_jobs, client):
    item = services.feedback_request_create(
        dossier=dossier, name="Jean Morel", email="jean.morel@example.org"
    )
    assert item.status == "queued" and not smtp.messages
    run_jobs()
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert smtp.envelopes[0][1] == ["jean.morel@example.org"]
    assert "Camille Moreau vous demande un retour" in message["Subject"]
    assert message["Content-Language"] == "fr"
    body = _body(message)
    assert "Coopérative Terres du Rhône" in body and "deux minutes" in body
    token = token_in(body)
    assert client.get(reverse("feedback_public:notice", args=[token])).status_code == 200
    item.refresh_from_db()
    assert item.status == "opened" and item.sent_at and item.expires_at
    assert item.expires_at - item.sent_at == dt.timedelta(days=21)


def test_personal_message_goes_in_the_email(smtp, dossier, run_jobs):
    services.feedback_request_create(
        dossier=dossier,
        name="Sophie Laurent",
        email="sophie.laurent@example.org",
        relationship=FeedbackRequest.Relationship.TUTOR,
        message="Merci pour ces cinq mois !\nÀ bientôt.",
    )
    run_jobs()
    body = _body(smtp.messages[0]).replace("\r\n", "\n")
    assert "Le mot de Camille Moreau :\nMerci pour ces cinq mois !\nÀ bientôt." in body
    assert body.index("Merci pour ces cinq mois") < body.index("/f/")


def test_invitation_is_in_the_raters_language(smtp, dossier, run_jobs, settings):
    settings.BILAN_FEEDBACK_LINK_DAYS = 10
    services.feedback_request_create(
        dossier=dossier, name="John Smith", email="john@example.org", language="en"
    )
    run_jobs()
    message = smtp.messages[0]
    assert message["Content-Language"] == "en"
    item = FeedbackRequest.objects.get()
    # Django's own date formats and month names are translated: the expiry date is English.
    expires = timezone.localtime(item.expires_at)
    with translation.override("en"):
        english = formats.date_format(expires, "DATE_FORMAT")
    with translation.override("fr"):
        french = formats.date_format(expires, "DATE_FORMAT")
    assert english in _body(message) and french not in _body(message)
    assert item.expires_at - item.sent_at == dt.timedelta(days=10)


def test_tutor_invitation_carries_the_meeting_as_ics(smtp, dossier, run_jobs):
    meeting_services.meeting_set(
        dossier=dossier,
        starts_at=dt.datetime(2026, 8, 26, 14, 0, tzinfo=PARIS),
        duration_minutes=90,
        place="Salle du conseil, 3 rue des Vignes; Lyon",
    )
    services.feedback_request_create(
        dossier=dossier,
        name="Sophie Laurent",
        email="sophie@example.org",
        relationship=FeedbackRequest.Relationship.TUTOR,
    )
    services.feedback_request_create(dossier=dossier, name="Jean", email="jean@example.org")
    run_jobs()
    tutor_mail, colleague_mail = smtp.messages
    attachments = list(tutor_mail.iter_attachments())
    assert len(attachments) == 1
    ics = attachments[0].get_content()
    assert attachments[0].get_content_type() == "text/calendar"
    unfolded = ics.replace("\r\n ", "")
    assert "DTSTART:20260826T120000Z" in unfolded and "DTEND:20260826T133000Z" in unfolded
    assert "LOCATION:Salle du conseil\\, 3 rue des Vignes\\; Lyon" in unfolded
    assert "grille d'évaluation" in _body(tutor_mail)
    assert not list(colleague_mail.iter_attachments())


def test_no_ics_without_a_meeting(smtp, dossier, run_jobs):
    services.feedback_request_create(
        dossier=dossier, name="Sophie", email="s@example.org", relationship="tutor"
    )
    run_jobs()
    assert not list(smtp.messages[0].iter_attachments())


def test_reminders_after_3_and_7_days_never_more(smtp, dossier, run_jobs, client):
    item = services.feedback_request_create(dossier=dossier, name="Jean", email="j@example.org")
    run_jobs()
    reminders = Job.objects.filter(kind=services.JOB_REMIND)
    delays = sorted(
        round((job.run_after - item.created_at).total_seconds() / 86400) for job in reminders
    )
    assert delays == [3, 7]
    assert run_jobs() == 0  # not due yet
    _due_now(services.JOB_REMIND)
    run_jobs()
    assert len(smtp.messages) == 3
    assert all("Rappel" in message["Subject"] for message in smtp.messages[1:])
    item.refresh_from_db()
    assert item.reminders_sent == 2
    # Only the latest link works.
    tokens = [token_in(_body(message)) for message in smtp.messages]
    assert client.get(reverse("feedback_public:notice", args=[tokens[0]])).status_code == 404
    assert client.get(reverse("feedback_public:notice", args=[tokens[-1]])).status_code == 200
    # A resend schedules reminders again, but the total stays at the configured number.
    services.feedback_request_resend(feedback_request=item)
    run_jobs()
    _due_now(services.JOB_REMIND)
    run_jobs()
    item.refresh_from_db()
    assert item.reminders_sent == 2
    assert len(smtp.messages) == 4


def test_no_reminder_once_answered_revoked_or_closed(smtp, dossier, run_jobs, settings):
    settings.BILAN_FEEDBACK_REMINDER_DAYS = [2]
    answered = services.feedback_request_create(dossier=dossier, name="A", email="a@example.org")
    revoked = services.feedback_request_create(dossier=dossier, name="B", email="b@example.org")
    run_jobs()
    services.feedback_answer_submit(feedback_request=answered, situation="Le 3 mai, ...")
    services.feedback_request_revoke(feedback_request=revoked)
    _due_now(services.JOB_REMIND)
    run_jobs()
    assert len(smtp.messages) == 2
    assert Job.objects.filter(kind=services.JOB_REMIND).count() == 2

    closed = services.feedback_request_create(dossier=dossier, name="C", email="c@example.org")
    run_jobs()
    services.round_close(dossier=dossier)
    _due_now(services.JOB_REMIND)
    run_jobs()
    assert len(smtp.messages) == 3
    closed.refresh_from_db()
    assert closed.reminders_sent == 0


def test_configured_reminder_days(smtp, dossier, run_jobs, settings):
    settings.BILAN_FEEDBACK_REMINDER_DAYS = [1, 2, 5]
    services.feedback_request_create(dossier=dossier, name="A", email="a@example.org")
    run_jobs()
    assert Job.objects.filter(kind=services.JOB_REMIND).count() == 3
    _due_now(services.JOB_REMIND)
    run_jobs()
    assert FeedbackRequest.objects.get().reminders_sent == 3


def test_smtp_failure_keeps_the_job_for_a_retry(dossier, run_jobs, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    item = services.feedback_request_create(dossier=dossier, name="A", email="a@example.org")
    run_jobs()
    item.refresh_from_db()
    assert item.sent_at is None and item.token_hash is None
    job = Job.objects.get(kind=services.JOB_SEND)
    assert job.status == Job.Status.QUEUED and job.last_error
