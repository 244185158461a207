"""Invitations over real SMTP: the e-mail arrives, the link works once, the dossier exists once."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bilan.accounts.models import User
from bilan.dossiers.models import Dossier
from bilan.jobs.services import jobs_run_pending
from bilan.schools.enrolment import enrolment_csv_read, enrolment_rows_check, enrolment_rows_import
from bilan.schools.models import Enrolment
from tests.conftest import PASSWORD, make_user

from .enrolment_fixtures import *  # noqa: F403

LINE = (
    "lea@example.org,Léa,Martin,Coopérative Terres du Rhône,Com,06/04/2026,2026-08-28,"
    "Sophie Laurent,sophie@example.org,"
)


def _import(cohort, *lines: str, invited_by=None):
    rows, errors = enrolment_rows_check(cohort, enrolment_csv_read(csv_bytes(*lines)))  # noqa: F405
    assert not errors
    return enrolment_rows_import(cohort, rows, invited_by=invited_by)


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _link(body: str) -> str:
    match = re.search(r"https?://\S+/join/invitation/([A-Za-z0-9_-]{43})/", body)
    assert match, body
    return reverse("enrolment:invitation", args=[match.group(1)])


def test_invitation_arrives_and_its_link_creates_the_account_and_the_dossier_once(
    smtp, cohort, admin
):
    _import(cohort, LINE, invited_by=admin)
    assert not smtp.messages  # sent by the worker, not during the import
    jobs_run_pending()
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert smtp.envelopes[0][1] == ["lea@example.org"]
    assert message["Content-Language"] == "fr"
    assert "IUT Lyon 3 vous inscrit sur Bilan" in message["Subject"]
    assert message["Reply-To"] == "scol@iut.example.edu"
    body = _body(message)
    assert "Hélène Roux (IUT Lyon 3)" in body and "Coopérative Terres du Rhône" in body
    url = _link(body)
    enrolment = Enrolment.objects.get()
    assert enrolment.invited_at and enrolment.invitation_token_hash
    assert url.split("/")[-2] not in enrolment.invitation_token_hash  # only the hash is stored

    client = Client()
    page = client.get(url)
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert (
        "Créer votre compte" in page.content.decode() and "lea@example.org" in page.content.decode()
    )

    # A bad password: clear message, nothing written.
    refused = client.post(
        url,
        {
            "first_name": "Léa",
            "last_name": "Martin",
            "password1": "x",
            "password2": "y",
            "language": "fr",
        },
    )
    assert refused.status_code == 200 and not User.objects.filter(email="lea@example.org").exists()

    response = client.post(
        url,
        {
            "first_name": "Léa",
            "last_name": "Martin",
            "email": "attacker@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "language": "fr",
        },
    )
    user = User.objects.get(email="lea@example.org")  # the invited address, not a posted one
    dossier = Dossier.objects.get(owner=user)
    assert response.status_code == 302 and response["Location"] == dossier.get_absolute_url()
    assert (dossier.organisation, dossier.service, dossier.start_date, dossier.end_date) == (
        "Coopérative Terres du Rhône",
        "Com",
        dt.date(2026, 4, 6),
        dt.date(2026, 8, 28),
    )
    assert (dossier.tutor_name, dossier.school, dossier.programme) == (
        "Sophie Laurent",
        "IUT Lyon 3",
        "BUT Information-Communication",
    )
    enrolment.refresh_from_db()
    assert enrolment.dossier == dossier and enrolment.user == user and enrolment.joined_at
    assert enrolment.invitation_token_hash is None

    # The link has served: it opens nothing more, and no second dossier appears.
    again = client.post(url, {})
    assert again.status_code == 404
    assert Dossier.objects.filter(owner=user).count() == 1
    # Re-importing the file and running the worker again sends nothing and changes nothing.
    result = _import(cohort, LINE)
    jobs_run_pending()
    assert result.unchanged == 1 and len(smtp.messages) == 1
    assert Dossier.objects.count() == 1


def test_invitation_is_in_the_organisations_language(smtp, cohort, organisation):
    organisation.default_language = "en"
    organisation.save()
    _import(cohort, LINE)
    jobs_run_pending()
    message = smtp.messages[0]
    assert message["Content-Language"] == "en"
    assert "IUT Lyon 3 has enrolled you on Bilan" in message["Subject"]
    assert "Your personal link" in _body(message) or "personal link" in _body(message)


def test_someone_with_an_account_logs_in_and_their_own_dossier_is_linked(smtp, cohort):
    _import(cohort, LINE)
    jobs_run_pending()
    url = _link(_body(smtp.messages[0]))
    # The account was made after the import, under another address; a dossier already exists.
    lea = make_user("lea.martin@perso.example.org")
    own = dossier_for(lea, "Coopérative Terres du Rhône", dt.date(2026, 4, 1), dt.date(2026, 8, 1))  # noqa: F405
    client = Client()
    page = client.get(url).content.decode()
    assert reverse("accounts:login") + "?next=" + url in page
    client.force_login(lea)
    assert "Rejoindre la promotion" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == own.get_absolute_url()
    assert Dossier.objects.filter(owner=lea).count() == 1
    assert Enrolment.objects.get().dossier == own


def test_expired_unknown_and_malformed_links_are_refused(smtp, cohort, settings):
    settings.BILAN_ENROLMENT_INVITATION_DAYS = 3
    _import(cohort, LINE)
    jobs_run_pending()
    url = _link(_body(smtp.messages[0]))
    Enrolment.objects.update(invited_at=timezone.now() - dt.timedelta(days=4))
    client = Client()
    expired = client.get(url)
    assert expired.status_code == 410 and "expiré" in expired.content.decode()
    unknown = client.get(reverse("enrolment:invitation", args=["A" * 43]))
    assert unknown.status_code == 404
    assert client.get(reverse("enrolment:invitation", args=["short"])).status_code == 404
    post = client.post(
        url,
        {
            "first_name": "L",
            "last_name": "M",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "language": "fr",
        },
    )
    assert post.status_code == 410 and not User.objects.filter(email="lea@example.org").exists()


def test_a_new_sending_replaces_the_link(smtp, cohort):
    from bilan.schools.invitations import enrolment_invitation_send

    _import(cohort, LINE)
    jobs_run_pending()
    first = _link(_body(smtp.messages[0]))
    assert enrolment_invitation_send(enrolment_id=Enrolment.objects.get().pk)
    second = _link(_body(smtp.messages[1]))
    client = Client()
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_no_invitation_goes_to_an_existing_account(smtp, cohort):
    make_user("lea@example.org")
    result = _import(cohort, LINE)
    jobs_run_pending()
    assert result.linked == 1 and result.invitations == 0 and not smtp.messages


def test_an_account_already_in_the_cohort_gets_no_second_dossier(smtp, cohort, intern, dossier):
    from bilan.schools.joining import cohort_join

    cohort_join(cohort=cohort, user=intern, dossier=dossier)  # joined with the code
    _import(cohort, LINE)  # the school's file names another address of the same intern
    jobs_run_pending()
    url = _link(_body(smtp.messages[0]))
    client = Client()
    client.force_login(intern)
    response = client.post(url, follow=True)
    assert "déjà inscrit dans la promotion" in response.content.decode()
    assert Dossier.objects.filter(owner=intern).count() == 1
    assert Enrolment.objects.get(email="lea@example.org").dossier is None
