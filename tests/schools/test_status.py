"""DossierStatus follows the dossier: refreshed once per transaction, on commit, for enrolled
dossiers only; `bilan cohort refresh-status` rebuilds it."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bilan.dossiers import services as dossier_services
from bilan.feedback import services as feedback_services
from bilan.feedback.models import FeedbackRequest
from bilan.jobs.services import jobs_run_pending
from bilan.meeting import services as meeting_services
from bilan.overview.checklist import dossier_checklist
from bilan.schools.models import DossierStatus
from bilan.schools.status import dossier_status_refresh

PARIS = ZoneInfo("Europe/Paris")


def status_of(dossier) -> DossierStatus:
    return DossierStatus.objects.get(dossier=dossier)


def test_a_journal_entry_refreshes_the_status_on_commit(
    school, dossier, django_capture_on_commit_callbacks
):
    DossierStatus.objects.filter(dossier=dossier).delete()
    with django_capture_on_commit_callbacks(execute=True):
        entry = dossier_services.journal_entry_create(
            dossier=dossier, date=dt.date(2026, 5, 4), text="Première réunion d'équipe."
        )
    row = status_of(dossier)
    assert row.last_activity_at == entry.updated_at
    assert row.readiness == dossier_checklist(dossier).percent


def test_nothing_is_computed_before_the_commit(school, dossier, django_capture_on_commit_callbacks):
    DossierStatus.objects.filter(dossier=dossier).delete()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        dossier_services.journal_entry_create(
            dossier=dossier, date=dt.date(2026, 5, 4), text="Une note."
        )
    assert callbacks
    assert not DossierStatus.objects.filter(dossier=dossier).exists()
    for callback in callbacks:
        callback()
    assert DossierStatus.objects.filter(dossier=dossier).exists()


def test_many_saves_in_one_transaction_refresh_once(
    school, dossier, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dossier.save()  # what the fixtures wrote is refreshed here, as their commit would have
    with CaptureQueriesContext(connection) as queries:
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():
                for day in range(1, 6):
                    dossier_services.journal_entry_create(
                        dossier=dossier, date=dt.date(2026, 5, day), text=f"Jour {day}."
                    )
                dossier_services.objective_create(dossier=dossier, title="Refaire le site")
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if "schools_dossierstatus" in query["sql"]
        and query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]
    assert queries.captured_queries
    assert len(writes) == 1, writes
    assert status_of(dossier).objectives_total == dossier.objectives.count()


def test_a_rolled_back_block_does_not_lose_the_next_refresh(
    school, dossier, django_capture_on_commit_callbacks
):
    DossierStatus.objects.filter(dossier=dossier).delete()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                dossier_services.journal_entry_create(
                    dossier=dossier, date=dt.date(2026, 5, 4), text="Annulé."
                )
                raise RuntimeError
        except RuntimeError:
            pass
        dossier_services.objective_create(dossier=dossier, title="Gardé")
    assert status_of(dossier).objectives_total == dossier.objectives.count() > 0


def test_a_dossier_not_enrolled_gets_no_status(db, intern, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        lone = dossier_services.dossier_create(
            owner=intern,
            organisation="Seul",
            kind="stage",
            start_date=dt.date(2026, 1, 5),
            end_date=dt.date(2026, 3, 27),
        )
        dossier_services.journal_entry_create(dossier=lone, date=dt.date(2026, 1, 6), text="x")
    assert not DossierStatus.objects.filter(dossier=lone).exists()


def test_a_feedback_answer_updates_the_counts(school, dossier, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tutor = feedback_services.feedback_request_create(
            dossier=dossier,
            name="Sophie Laurent",
            email="sophie@example.org",
            relationship=FeedbackRequest.Relationship.TUTOR,
        )
        jobs_run_pending()
    row = status_of(dossier)
    assert (row.feedback_requested, row.feedback_answered) == (1, 0)
    assert not row.tutor_evaluation_received
    tutor.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        feedback_services.feedback_answer_submit(
            feedback_request=tutor, improve="Prendre la parole en réunion."
        )
    row = status_of(dossier)
    assert (row.feedback_requested, row.feedback_answered) == (1, 1)
    assert row.tutor_evaluation_received


def test_the_meeting_date_follows_changes(school, dossier, django_capture_on_commit_callbacks):
    first = dt.datetime(2026, 8, 20, 14, 0, tzinfo=PARIS)
    later = dt.datetime(2026, 8, 27, 10, 30, tzinfo=PARIS)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.meeting_set(dossier=dossier, starts_at=first)
    assert status_of(dossier).meeting_at == first
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.meeting_set(dossier=dossier, starts_at=later)
    assert status_of(dossier).meeting_at == later
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.meeting_clear(dossier=dossier)
    assert status_of(dossier).meeting_at is None


def test_objectives_reviewed_are_counted(school, dossier):
    dossier_services.objective_create(dossier=dossier, title="Animer les réseaux")
    dossier_services.objective_create(
        dossier=dossier, title="Newsletter", status="done", actual="Six numéros envoyés."
    )
    row = dossier_status_refresh(dossier)
    assert (row.objectives_total, row.objectives_reviewed) == (2, 1)


def test_refresh_status_command_rebuilds_every_enrolled_dossier(school, dossier, other_dossier):
    DossierStatus.objects.all().delete()
    dossier_services.objective_create(dossier=dossier, title="Benchmark")
    out = StringIO()
    call_command("cohort", "refresh-status", stdout=out)
    assert "2 dossier" in out.getvalue()
    assert status_of(dossier).objectives_total == 1
    assert status_of(other_dossier).objectives_total == 0
    DossierStatus.objects.all().delete()
    call_command("cohort", "refresh-status", "--cohort", str(school.other_cohort.pk), stdout=out)
    assert list(DossierStatus.objects.values_list("dossier_id", flat=True)) == [other_dossier.pk]
