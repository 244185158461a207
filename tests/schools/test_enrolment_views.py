"""The staff's import with preview and the intern's join code, through the web pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bilan.dossiers.models import Dossier
from bilan.jobs.models import Job
from bilan.schools.models import Enrolment
from tests.conftest import make_user

from .enrolment_fixtures import *  # noqa: F403

GOOD = "lea@example.org;Léa;Martin;Coop;Com;12/05/2026;31/07/2026;;;"
HEADER = CSV_HEADER.replace(",", ";")  # noqa: F405


def _upload(content: bytes, name: str = "stagiaires.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def _file(*lines: str) -> bytes:
    return csv_bytes(*lines, header=HEADER)  # noqa: F405


def test_preview_then_confirm_imports_and_queues_invitations(admin_client, cohort):
    url = reverse("enrolment:import", args=[cohort.pk])
    assert admin_client.get(url).status_code == 200
    make_user("tom@example.org")
    preview = admin_client.post(
        url,
        {"file": _upload(_file(GOOD, "tom@example.org;Tom;Petit;Coop;;2026-05-12;2026-07-31;;;"))},
    )
    page = preview.content.decode()
    assert preview.status_code == 200
    assert (
        "Inscription et invitation par e-mail" in page
        and "Compte existant : dossier créé et lié" in page
    )
    assert not Enrolment.objects.exists()  # a preview writes nothing
    digest = preview.context["digest"]
    done = admin_client.post(
        reverse("enrolment:import_confirm", args=[cohort.pk]), {"digest": digest}
    )
    assert done.status_code == 302 and done["Location"] == reverse(
        "cohorts:dashboard", args=[cohort.pk]
    )
    assert set(cohort.enrolments.values_list("email", flat=True)) == {
        "lea@example.org",
        "tom@example.org",
    }
    assert Job.objects.filter(kind="schools.enrolment_invite").count() == 1
    assert Dossier.objects.filter(owner__email="tom@example.org").count() == 1
    # The stored file is gone: confirming twice imports nothing more.
    again = admin_client.post(
        reverse("enrolment:import_confirm", args=[cohort.pk]), {"digest": digest}
    )
    assert again.status_code == 302 and again["Location"].endswith("/import/")
    assert Job.objects.count() == 1


def test_errors_are_listed_by_line_and_nothing_can_be_confirmed(admin_client, cohort):
    url = reverse("enrolment:import", args=[cohort.pk])
    response = admin_client.post(
        url, {"file": _upload(_file(GOOD, "bad;;Martin;Coop;;2026-05-12;2026-04-01;;;"))}
    )
    page = response.content.decode()
    assert "3 erreurs : rien n'a été importé" in page
    assert "n&#x27;est pas une adresse e-mail valide" in page
    assert "digest" not in response.context or not response.context.get("digest")
    confirm = admin_client.post(
        reverse("enrolment:import_confirm", args=[cohort.pk]), {"digest": "x"}
    )
    assert confirm.status_code == 302 and not Enrolment.objects.exists()


def test_errors_are_in_the_users_language(cohort, admin):
    admin.language = "en"
    admin.save()
    client = Client()
    client.force_login(admin)
    response = client.post(
        reverse("enrolment:import", args=[cohort.pk]),
        {"file": _upload(_file("bad;Léa;Martin;Coop;;2026-05-12;2026-07-31;;;"))},
    )
    assert "is not a valid e-mail address" in response.content.decode()


@pytest.mark.parametrize(
    "content",
    [b"", b"PK\x03\x04zip", b"email;name\nx;y\n", "\u00e9".encode("utf-16") * 50],
)
def test_unreadable_uploads_get_a_message_not_a_500(admin_client, cohort, content):
    response = admin_client.post(
        reverse("enrolment:import", args=[cohort.pk]), {"file": _upload(content)}
    )
    assert response.status_code in (200, 400)
    assert response.context["form"].errors
    assert not Enrolment.objects.exists()


def test_upload_size_limit(admin_client, cohort, settings):
    settings.BILAN_ENROLMENT_MAX_BYTES = 50
    response = admin_client.post(
        reverse("enrolment:import", args=[cohort.pk]), {"file": _upload(_file(GOOD, GOOD))}
    )
    assert "taille maximale" in response.content.decode() and not Enrolment.objects.exists()


def test_a_referent_of_the_cohort_may_import_but_outsiders_get_404(
    cohort, referent, outsider, intern
):
    cohort.referents.add(referent)
    client = Client()
    client.force_login(referent)
    assert client.get(reverse("enrolment:import", args=[cohort.pk])).status_code == 200
    for user in (outsider, intern):
        other = Client()
        other.force_login(user)
        assert other.get(reverse("enrolment:import", args=[cohort.pk])).status_code == 404
        assert (
            other.post(
                reverse("enrolment:import", args=[cohort.pk]), {"file": _upload(_file(GOOD))}
            ).status_code
            == 404
        )
        assert (
            other.post(
                reverse("enrolment:import_confirm", args=[cohort.pk]), {"digest": "x"}
            ).status_code
            == 404
        )
    assert not Enrolment.objects.exists()
    anonymous = Client().get(reverse("enrolment:import", args=[cohort.pk]))
    assert anonymous.status_code == 302


def test_a_preview_cannot_be_confirmed_in_another_cohort(admin_client, cohort, organisation):
    from bilan.schools.models import Cohort

    other = Cohort.objects.create(programme=cohort.programme, name="Autre", join_code="AUTRE1")
    preview = admin_client.post(
        reverse("enrolment:import", args=[cohort.pk]), {"file": _upload(_file(GOOD))}
    )
    admin_client.post(
        reverse("enrolment:import_confirm", args=[other.pk]), {"digest": preview.context["digest"]}
    )
    assert not Enrolment.objects.exists()


def test_the_cohort_page_links_to_the_import(admin_client, cohort):
    page = admin_client.get(reverse("cohorts:dashboard", args=[cohort.pk])).content.decode()
    assert reverse("enrolment:import", args=[cohort.pk]) in page


# --- Join with a code ------------------------------------------------------------------------


def test_join_with_a_code_and_an_existing_dossier(intern_client, intern, dossier, cohort):
    url = reverse("enrolment:join")
    assert url in intern_client.get(reverse("dossiers:list")).content.decode()
    step = intern_client.post(url, {"code": " k7p2qx "})
    assert step.status_code == 200 and cohort.name in step.content.decode()
    done = intern_client.post(
        url, {"code": "K7P2QX", "step": "dossier", "dossier": str(dossier.pk)}
    )
    assert done.status_code == 302 and done["Location"] == dossier.get_absolute_url()
    enrolment = Enrolment.objects.get()
    assert (enrolment.cohort, enrolment.dossier, enrolment.user, enrolment.email) == (
        cohort,
        dossier,
        intern,
        intern.email,
    )
    again = intern_client.post(url, {"code": "K7P2QX"})
    assert "déjà inscrit" in again.content.decode()
    assert Enrolment.objects.count() == 1


def test_join_with_a_new_dossier(intern_client, intern, cohort):
    url = reverse("enrolment:join")
    missing = intern_client.post(url, {"code": "K7P2QX", "step": "dossier", "dossier": "new"})
    assert "obligatoire" in missing.content.decode() and not Dossier.objects.exists()
    done = intern_client.post(
        url,
        {
            "code": "K7P2QX",
            "step": "dossier",
            "dossier": "new",
            "organisation": "Coop",
            "start_date": "2026-05-12",
            "end_date": "2026-07-31",
        },
    )
    dossier = Dossier.objects.get(owner=intern)
    assert done["Location"] == dossier.get_absolute_url()
    assert (dossier.school, dossier.programme, dossier.start_date) == (
        "IUT Lyon 3",
        "BUT Information-Communication",
        dt.date(2026, 5, 12),
    )
    assert Enrolment.objects.get().dossier == dossier


def test_join_refuses_unknown_and_closed_codes_and_others_dossiers(
    intern_client, cohort, outsider, dossier
):
    url = reverse("enrolment:join")
    unknown = intern_client.post(url, {"code": "NOPE99"})
    assert "Aucune promotion ne correspond" in unknown.content.decode()
    cohort.join_open = False
    cohort.save()
    closed = intern_client.post(url, {"code": "K7P2QX"})
    assert "fermées" in closed.content.decode()
    cohort.join_open = True
    cohort.save()
    theirs = dossier_for(outsider, "Ailleurs", dt.date(2026, 1, 1), dt.date(2026, 2, 1))  # noqa: F405
    forged = intern_client.post(
        url, {"code": "K7P2QX", "step": "dossier", "dossier": str(theirs.pk)}
    )
    assert forged.status_code == 200 and not Enrolment.objects.exists()


def test_join_needs_a_login():
    response = Client().get(reverse("enrolment:join"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_too_many_wrong_codes_are_blocked(intern_client, settings, cohort):
    settings.BILAN_FEEDBACK_RATE_LIMIT = 2
    from django.core.cache import cache

    cache.clear()
    url = reverse("enrolment:join")
    for _ in range(2):
        intern_client.post(url, {"code": "WRONG1"})
    blocked = intern_client.post(url, {"code": "K7P2QX"})
    assert blocked.status_code == 429
    cache.clear()


def test_joining_with_the_code_completes_a_pending_invitation(
    intern_client, intern, dossier, cohort
):
    from bilan.schools.enrolment import EnrolmentRow, enrolment_rows_import

    # Imported before the intern had an account under this address? Here: invited, not joined.
    pending = Enrolment.objects.create(cohort=cohort, email=intern.email.upper(), first_name="C")
    pending.invitation_token_hash = "x" * 64
    pending.save()
    done = intern_client.post(
        reverse("enrolment:join"), {"code": "K7P2QX", "step": "dossier", "dossier": str(dossier.pk)}
    )
    assert done.status_code == 302
    pending.refresh_from_db()
    assert pending.dossier == dossier and pending.user == intern
    assert pending.invitation_token_hash is None and Enrolment.objects.count() == 1
    # A later import of the same intern finds them enrolled: nothing duplicated.
    row = EnrolmentRow(
        line=2,
        email=intern.email,
        first_name="C",
        last_name="",
        company="X",
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 2, 1),
    )
    result = enrolment_rows_import(cohort, [row])
    assert result.updated == 1 and Enrolment.objects.count() == 1 and Dossier.objects.count() == 1
