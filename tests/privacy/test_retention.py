"""Retention: warned once 30 days before, deleted after; time is passed in, never waited for."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command
from django.utils import timezone

from bilan.dossiers.models import Dossier
from bilan.jobs.models import Job
from bilan.jobs.registry import worker_start_hooks
from bilan.jobs.services import jobs_run_pending
from bilan.privacy.jobs import JOB_DAILY
from bilan.privacy.models import RetentionNotice
from bilan.privacy.retention import retention_purge
from bilan.schools.models import Cohort, Enrolment, Organisation, Programme

from .conftest import storage_names


def at(day: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(day + "T09:00"))


def test_warned_once_then_deleted_after_the_period(
    small_account, smtp, settings, django_capture_on_commit_callbacks
):
    settings.BILAN_RETENTION_DAYS = 1095  # the internship ended on 29 March 2024
    dossier = Dossier.objects.get(owner=small_account)
    due = dossier.end_date + dt.timedelta(days=1095)
    assert due == dt.date(2027, 3, 29)

    report = retention_purge(now=at("2027-02-26"))  # 31 days before: nothing yet
    assert report.warned == report.deleted == [] and not smtp.messages

    report = retention_purge(now=at("2027-02-27"))  # 30 days before: the warning
    assert report.warned == [dossier.pk]
    [message] = smtp.messages
    assert message["To"] == small_account.email
    assert (
        "29 mars 2027" in message.get_content() and "Atelier Mécanique du Lac" in message["Subject"]
    )
    notice = RetentionNotice.objects.get(dossier=dossier)
    assert notice.delete_after == due and notice.warned_at == at("2027-02-27")

    retention_purge(now=at("2027-03-10"))  # never twice
    assert len(smtp.messages) == 1
    report = retention_purge(now=at("2027-03-28"))
    assert report.waiting == [dossier.pk] and Dossier.objects.filter(pk=dossier.pk).exists()

    assert retention_purge(now=at("2027-03-29"), dry_run=True).deleted == [dossier.pk]
    assert Dossier.objects.filter(pk=dossier.pk).exists() and storage_names()
    with django_capture_on_commit_callbacks(execute=True):
        report = retention_purge(now=at("2027-03-29"))
    assert report.deleted == [dossier.pk]
    assert not Dossier.objects.exists() and not storage_names()
    assert small_account.__class__.objects.filter(pk=small_account.pk).exists()  # the account stays


def test_the_organisations_period_and_a_full_notice_for_overdue_dossiers(
    small_account, smtp, settings
):
    dossier = Dossier.objects.get(owner=small_account)
    organisation = Organisation.objects.create(name="IUT", retention_days=60)
    programme = Programme.objects.create(organisation=organisation, name="BUT")
    cohort = Cohort.objects.create(programme=programme, name="2024", join_code="RET60")
    Enrolment.objects.create(
        cohort=cohort, email=small_account.email, user=small_account, dossier=dossier
    )
    # Long overdue under the organisation's 60 days: warned now, deleted 30 days later, not today.
    report = retention_purge(now=at("2026-01-10"))
    assert report.warned == [dossier.pk] and report.deleted == []
    assert RetentionNotice.objects.get(dossier=dossier).delete_after == dt.date(2026, 2, 9)
    assert retention_purge(now=at("2026-02-08")).waiting == [dossier.pk]
    assert retention_purge(now=at("2026-02-09")).deleted == [dossier.pk]
    assert len(smtp.messages) == 1


def test_a_failed_send_is_retried_next_run(small_account, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    report = retention_purge(now=at("2027-03-01"))
    assert report.warned == [] and not RetentionNotice.objects.exists()


def test_purge_command(small_account, smtp, settings):
    settings.BILAN_RETENTION_DAYS = 100  # the internship ended in 2024: long overdue
    dossier = Dossier.objects.get(owner=small_account)
    out = io.StringIO()
    call_command("purge", "--dry-run", stdout=out)
    assert f"1 owner(s) would be warned: [{dossier.pk}]" in out.getvalue()
    assert not smtp.messages and not RetentionNotice.objects.exists()
    call_command("purge", stdout=out)
    assert f"1 owner(s) were warned: [{dossier.pk}]" in out.getvalue()
    assert len(smtp.messages) == 1 and RetentionNotice.objects.exists()


def test_the_worker_runs_the_purge_daily(small_account, smtp, settings):
    settings.BILAN_RETENTION_DAYS = 1  # so today's run has something to warn about
    for hook in worker_start_hooks():
        hook()
    assert Job.objects.filter(kind=JOB_DAILY, status="queued").count() == 1
    for hook in worker_start_hooks():  # a second worker start queues no second one
        hook()
    assert Job.objects.filter(kind=JOB_DAILY, status="queued").count() == 1
    jobs_run_pending()
    assert RetentionNotice.objects.filter(dossier__owner=small_account).exists()
    assert len(smtp.messages) == 1
    following = Job.objects.get(kind=JOB_DAILY, status="queued")
    assert following.run_after > timezone.now() + dt.timedelta(hours=23)
