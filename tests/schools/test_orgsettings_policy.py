"""Details, language, retention and the reminder policy the feedback reminders actually follow."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from bilan.feedback import services as feedback_services
from bilan.jobs.models import Job
from bilan.jobs.services import jobs_run_pending
from bilan.schools.models import Organisation
from bilan.schools.organisation_settings import organisation_retention_days
from bilan.schools.reminders import dossier_reminder_days, policy_days

from .orgsettings_world import School, build_school, login, make_dossier, make_user


@pytest.fixture
def school(db) -> School:
    return build_school()


DETAILS = {
    "name": "IUT Lumière Lyon 2",
    "kind": "university",
    "address": "160 cours Albert-Thomas, 69008 Lyon",
    "contact_email": "stages@iut.example.org",
    "signatory_name": "Claire Fontaine",
    "signatory_role": "Directrice des études",
    "default_language": "en",
}


def url(school: School, name: str) -> str:
    return reverse(f"orgsettings:{name}", args=[school.organisation.pk])


def test_details_round_trip(school):
    client = login(school.admin)
    assert client.get(url(school, "details")).status_code == 200
    assert client.post(url(school, "details"), DETAILS).status_code == 302
    organisation = Organisation.objects.get(pk=school.organisation.pk)
    for name, value in DETAILS.items():
        assert getattr(organisation, name) == value
    page = client.get(url(school, "home")).content.decode()
    assert "IUT Lumière Lyon 2" in page and "Claire Fontaine" in page


def test_bad_details_write_nothing(school):
    client = login(school.admin)
    for bad in (
        {"name": ""},
        {"contact_email": "pas-une-adresse"},
        {"default_language": "de"},
        {"kind": "club"},
    ):
        response = client.post(url(school, "details"), DETAILS | bad)
        assert response.status_code == 400
        assert '<p class="muted small">IUT Lumière</p>' in response.content.decode()
    organisation = Organisation.objects.get(pk=school.organisation.pk)
    assert (organisation.name, organisation.default_language) == ("IUT Lumière", "fr")


def test_policy_round_trip_and_instance_fallbacks(school, settings):
    settings.BILAN_RETENTION_DAYS = 730
    client = login(school.admin)
    organisation = school.organisation
    assert organisation_retention_days(organisation) == 730
    response = client.post(
        url(school, "policy"),
        {"retention_days": "365", "reminder_after_days": "2", "reminder_max": "1"},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (
        organisation.retention_days,
        organisation.reminder_after_days,
        organisation.reminder_max,
    ) == (365, 2, 1)
    assert organisation_retention_days(organisation) == 365
    page = client.get(url(school, "home")).content.decode()
    assert "365 jours" in page
    # Emptied: the instance's values again.
    client.post(
        url(school, "policy"), {"retention_days": "", "reminder_after_days": "", "reminder_max": ""}
    )
    organisation.refresh_from_db()
    assert organisation.retention_days is None
    assert organisation_retention_days(organisation) == 730
    assert dossier_reminder_days(school.dossier) is None


def test_bad_policy_writes_nothing(school):
    client = login(school.admin)
    for bad in (
        {"retention_days": "0"},
        {"reminder_max": "-1"},
        {"reminder_after_days": "abc"},
        {"reminder_max": "99"},
    ):
        data = {"retention_days": "", "reminder_after_days": "", "reminder_max": ""} | bad
        assert client.post(url(school, "policy"), data).status_code == 400
    school.organisation.refresh_from_db()
    assert school.organisation.reminder_max is None
    assert school.organisation.retention_days is None


def test_policy_days():
    assert policy_days(after_days=2, count=3, instance_days=[3, 7]) == [2, 4, 6]
    assert policy_days(after_days=None, count=1, instance_days=[3, 7]) == [3]
    assert policy_days(after_days=5, count=None, instance_days=[3, 7]) == [5, 10]
    assert policy_days(after_days=4, count=0, instance_days=[3, 7]) == []
    assert policy_days(after_days=None, count=2, instance_days=[]) == [3, 6]


def _reminder_delays(request) -> list[int]:
    jobs = Job.objects.filter(kind=feedback_services.JOB_REMIND, payload__request_id=request.pk)
    return sorted(
        round((job.run_after - request.created_at).total_seconds() / 86400) for job in jobs
    )


def _due_now() -> None:
    Job.objects.filter(kind=feedback_services.JOB_REMIND, status=Job.Status.QUEUED).update(
        run_after=timezone.now()
    )


def test_an_enrolled_dossier_is_reminded_per_the_organisation_policy(school, smtp, settings):
    settings.BILAN_FEEDBACK_REMINDER_DAYS = [3, 7]
    organisation = school.organisation
    organisation.reminder_after_days, organisation.reminder_max = 5, 1
    organisation.save()
    enrolled = feedback_services.feedback_request_create(
        dossier=school.dossier, name="Jean Morel", email="jean@example.org"
    )
    # A dossier outside any organisation keeps the instance's reminders.
    alone = make_dossier(make_user("solo@example.org", first_name="Sam"))
    outside = feedback_services.feedback_request_create(
        dossier=alone, name="Jeanne", email="jeanne@example.org"
    )
    jobs_run_pending()
    assert len(smtp.messages) == 2
    assert _reminder_delays(enrolled) == [5]
    assert _reminder_delays(outside) == [3, 7]

    _due_now()
    jobs_run_pending()
    enrolled.refresh_from_db()
    outside.refresh_from_db()
    assert enrolled.reminders_sent == 1
    assert outside.reminders_sent == 2
    reminders = [m for m in smtp.messages if "Rappel" in m["Subject"]]
    assert sorted(m["To"] for m in reminders) == [
        "Jean Morel <jean@example.org>",
        "Jeanne <jeanne@example.org>",
        "Jeanne <jeanne@example.org>",
    ]


def test_no_reminder_when_the_organisation_says_zero(school, smtp):
    school.organisation.reminder_max = 0
    school.organisation.save()
    request = feedback_services.feedback_request_create(
        dossier=school.dossier, name="Jean Morel", email="jean@example.org"
    )
    jobs_run_pending()
    assert _reminder_delays(request) == []
    # A reminder job left from before the change is skipped too.
    feedback_services.job_enqueue(
        kind=feedback_services.JOB_REMIND, payload={"request_id": request.pk, "send": 1}
    )
    jobs_run_pending()
    request.refresh_from_db()
    assert request.reminders_sent == 0
    assert len(smtp.messages) == 1
