from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bilan.accounts.models import User
from bilan.dossiers.models import Dossier
from bilan.jobs.services import jobs_run_pending
from bilan.privacy.models import DataExport
from bilan.privacy.services import account_export

from ..conftest import PASSWORD
from .conftest import read_zip, storage_names


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("language", ["fr", "en"])
def test_privacy_page_is_public_and_linked_from_every_footer(client, db, settings, language):
    settings.BILAN_PRIVACY_CONTACT_EMAIL = "dpo@ecole.example"
    settings.BILAN_RETENTION_DAYS = 730
    client.cookies["django_language"] = language
    page = client.get(reverse("privacy:notice"), HTTP_ACCEPT_LANGUAGE=language)
    text = page.content.decode()
    assert page.status_code == 200
    assert "dpo@ecole.example" in text and "730" in text
    assert ("Your rights" if language == "en" else "Vos droits") in text
    assert 'style="' not in text.split("<main")[1] and "<script>" not in text
    login = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE=language)
    assert reverse("privacy:notice") in login.content.decode().split("<footer")[1]


def test_small_export_downloads_at_once(small_account):
    response = client_for(small_account).post(reverse("privacy:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    document, files = read_zip(b"".join(response.streaming_content))
    assert document["account"]["email"] == small_account.email and len(files) == 1
    assert not DataExport.objects.exists()


def test_large_export_goes_to_the_worker_and_only_its_owner_downloads_it(
    small_account, outsider, settings
):
    settings.BILAN_PRIVACY_LIMITS = {**settings.BILAN_PRIVACY_LIMITS, "sync_export_bytes": 10}
    client = client_for(small_account)
    response = client.post(reverse("privacy:export"))
    assert response.status_code == 302
    export = DataExport.objects.get(user=small_account)
    assert export.status == "queued"
    client.post(reverse("privacy:export"))  # a second click reuses the waiting one
    assert DataExport.objects.count() == 1
    url = reverse("privacy:download", args=[export.pk])
    assert client.get(url).status_code == 404  # not ready yet
    assert jobs_run_pending() >= 1
    export.refresh_from_db()
    assert export.status == "ready" and export.file in storage_names() and export.expires_at
    page = client.get(reverse("privacy:data")).content.decode()
    assert url in page
    download = client.get(url)
    document, files = read_zip(b"".join(download.streaming_content))
    assert document["account"]["email"] == small_account.email and len(files) == 1
    # Anyone else: 404, by GET and POST.
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(outsider).post(url).status_code == 404
    assert Client().get(url).status_code in (302, 404)


def test_import_into_a_new_account(small_account, tmp_path):
    target = io.BytesIO()
    account_export(user=small_account, target=target)
    newcomer = User.objects.create_user(email="new@example.org", password=PASSWORD)
    client = client_for(newcomer)
    assert "import" in client.get(reverse("privacy:data")).content.decode()
    upload = SimpleUploadedFile("export.zip", target.getvalue(), content_type="application/zip")
    response = client.post(reverse("privacy:import"), {"file": upload})
    assert response.status_code == 302
    dossier = Dossier.objects.get(owner=newcomer)
    assert dossier.organisation == "Atelier Mécanique du Lac"
    assert dossier.traces.get().file.read().startswith(b"%PDF")
    # A second import is refused: the account has a dossier now.
    upload = SimpleUploadedFile("export.zip", target.getvalue(), content_type="application/zip")
    client.post(reverse("privacy:import"), {"file": upload})
    assert Dossier.objects.filter(owner=newcomer).count() == 1


@pytest.mark.parametrize("language", ["fr", "en"])
def test_import_of_a_bad_file_says_why_and_changes_nothing(db, language):
    newcomer = User.objects.create_user(email="new@example.org", password=PASSWORD)
    client = client_for(newcomer)
    files_before = storage_names()
    upload = SimpleUploadedFile(
        "export.zip", b"PK\x03\x04 not really", content_type="application/zip"
    )
    response = client.post(
        reverse("privacy:import"), {"file": upload}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    expected = "not a readable ZIP" if language == "en" else "pas une archive ZIP lisible"
    assert expected in response.content.decode()
    assert not Dossier.objects.exists() and storage_names() == files_before


def test_erase_needs_the_password(small_account, django_capture_on_commit_callbacks):
    client = client_for(small_account)
    url = reverse("privacy:erase")
    assert client.get(url).status_code == 200
    response = client.post(url, {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200 and User.objects.filter(pk=small_account.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"password": "pw-long-enough-1", "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(email="lea@example.org").exists()
    assert not Dossier.objects.exists() and not storage_names()
    # Signed out: the account area is gone.
    assert client.get(reverse("privacy:data")).status_code == 302


def _enrol(dossier, *, retention_days=None, policy=""):
    from bilan.schools.models import Cohort, Enrolment, Organisation, Programme

    organisation = Organisation.objects.create(
        name="IUT de Lyon", retention_days=retention_days, rater_answer_policy=policy
    )
    programme = Programme.objects.create(organisation=organisation, name="BUT Info-Com")
    cohort = Cohort.objects.create(programme=programme, name="2026", join_code="ABCD1234")
    return Enrolment.objects.create(
        cohort=cohort, email=dossier.owner.email, user=dossier.owner, dossier=dossier
    )


def test_rater_notice_states_the_retention_period(client, dossier, settings):
    from django.core import mail

    from bilan.feedback.services import feedback_request_create

    from ..feedback.conftest import last_token

    feedback_request_create(
        dossier=dossier, name="Jean Morel", email="jean@example.org", relationship="colleague"
    )
    jobs_run_pending()
    url = reverse("feedback_public:notice", args=[last_token()])
    page = client.get(url).content.decode()
    settings.BILAN_RETENTION_DAYS = 1095
    page = client.get(url).content.decode()
    # The instance's default, here 3 years after the internship's end (28 August 2026).
    assert "1095 jours" in page and "27 août 2029" in page
    _enrol(dossier, retention_days=400)
    page = client.get(url).content.decode()
    assert "400 jours" in page and "2 octobre 2027" in page
    assert len(mail.outbox) == 1


def test_an_export_whose_job_failed_for_good_is_marked_and_requested_again(small_account):
    from bilan.jobs.models import Job
    from bilan.privacy.services import JOB_EXPORT, export_request

    first = export_request(user=small_account)
    Job.objects.filter(kind=JOB_EXPORT).update(status=Job.Status.FAILED)
    second = export_request(user=small_account)
    assert second.pk != first.pk
    first.refresh_from_db()
    assert first.status == "failed" and second.status == "queued"


def test_expired_exports_are_deleted_with_their_file(small_account, settings):
    import datetime as dt

    from django.utils import timezone

    from bilan.privacy.services import export_build, export_request, exports_purge_expired

    export = export_request(user=small_account)
    export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.file in storage_names()
    url = reverse("privacy:download", args=[export.pk])
    assert exports_purge_expired(now=export.expires_at - dt.timedelta(minutes=1)) == 0
    assert exports_purge_expired(now=export.expires_at + dt.timedelta(minutes=1)) == 1
    assert not DataExport.objects.exists() and export.file not in storage_names()
    assert client_for(small_account).get(url).status_code == 404
    assert timezone.now() < export.expires_at


def test_an_empty_dossier_list_offers_to_import_an_export(intern_client, intern):
    page = intern_client.get(reverse("dossiers:list")).content.decode()
    assert reverse("privacy:import") in page
    Dossier.objects.create(
        owner=intern,
        organisation="Coop",
        start_date=dt.date(2026, 3, 2),
        end_date=dt.date(2026, 6, 26),
    )
    page = intern_client.get(reverse("dossiers:list")).content.decode()
    assert reverse("privacy:import") not in page
