"""Organisations, programmes, cohorts and members: the admin's pages and their services."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bilan.accounts.models import User
from bilan.jobs.models import Job
from bilan.jobs.services import jobs_run_pending
from bilan.schools import organisations
from bilan.schools.models import Cohort, Enrolment, Membership, Organisation, Programme

from .conftest import School


def test_any_user_creates_an_organisation_and_becomes_its_admin(intern_client, intern):
    response = intern_client.post(
        reverse("schools:organisation_create"), {"name": "  IUT de Nantes ", "kind": "university"}
    )
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("schools:organisation", args=[organisation.pk])
    assert organisation.name == "IUT de Nantes"
    assert list(Membership.objects.values_list("user_id", "role")) == [(intern.pk, "admin")]
    page = intern_client.get(response["Location"]).content.decode()
    assert "IUT de Nantes" in page
    # The header now offers the school side.
    assert reverse("schools:index") in page


def test_organisation_without_a_name_is_refused_and_nothing_written(intern_client):
    response = intern_client.post(reverse("schools:organisation_create"), {"name": "", "kind": "x"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Organisation.objects.exists() and not Membership.objects.exists()


def test_organisation_limit_per_user(intern, settings):
    settings.BILAN_SCHOOL_LIMITS = {**settings.BILAN_SCHOOL_LIMITS, "organisations_per_user": 1}
    organisations.organisation_create(user=intern, name="Une", kind="school")
    with pytest.raises(ValidationError):
        organisations.organisation_create(user=intern, name="Deux", kind="school")
    assert Organisation.objects.count() == 1


def test_programme_and_cohort_lifecycle(school: School, school_admin_client):
    org = school.organisation.pk
    response = school_admin_client.post(
        reverse("schools:programme_create", args=[org]), {"name": "Licence pro", "level": "L3"}
    )
    assert response.status_code == 302
    programme = Programme.objects.get(name="Licence pro")
    response = school_admin_client.post(
        reverse("schools:cohort_create", args=[org, programme.pk]),
        {"name": "LP 2026", "year": "2026", "join_open": "on"},
    )
    assert response.status_code == 302
    cohort = Cohort.objects.get(name="LP 2026")
    assert re.fullmatch(r"[A-Z0-9]{8}", cohort.join_code)
    assert set(cohort.join_code) <= set(organisations.JOIN_CODE_ALPHABET)
    home = school_admin_client.get(reverse("schools:organisation", args=[org])).content.decode()
    assert cohort.join_code in home
    assert reverse("cohorts:dashboard", args=[cohort.pk]) in home

    school_admin_client.post(
        reverse("schools:cohort_edit", args=[org, cohort.pk]), {"name": "LP 2026-27", "year": ""}
    )
    cohort.refresh_from_db()
    assert (cohort.name, cohort.year, cohort.join_open) == ("LP 2026-27", None, False)

    old = cohort.join_code
    school_admin_client.post(reverse("schools:cohort_code", args=[org, cohort.pk]))
    cohort.refresh_from_db()
    assert cohort.join_code != old and len(cohort.join_code) == 8

    confirm = school_admin_client.get(reverse("schools:cohort_delete", args=[org, cohort.pk]))
    assert "LP 2026-27" in confirm.content.decode()
    assert Cohort.objects.filter(pk=cohort.pk).exists()  # GET only asks
    school_admin_client.post(reverse("schools:cohort_delete", args=[org, cohort.pk]))
    assert not Cohort.objects.filter(pk=cohort.pk).exists()

    school_admin_client.post(
        reverse("schools:programme_edit", args=[org, programme.pk]), {"name": "LP Web"}
    )
    programme.refresh_from_db()
    assert programme.name == "LP Web"
    school_admin_client.post(reverse("schools:programme_delete", args=[org, programme.pk]))
    assert not Programme.objects.filter(pk=programme.pk).exists()


def test_deleting_a_cohort_keeps_the_interns_dossiers(school: School, school_admin_client, dossier):
    confirm = school_admin_client.get(
        reverse("schools:cohort_delete", args=[school.organisation.pk, school.cohort.pk])
    ).content.decode()
    assert "1 inscription" in confirm
    school_admin_client.post(
        reverse("schools:cohort_delete", args=[school.organisation.pk, school.cohort.pk])
    )
    assert not Enrolment.objects.filter(pk=school.enrolment.pk).exists()
    dossier.refresh_from_db()  # still there


def test_bad_cohort_year_is_refused(school: School, school_admin_client):
    url = reverse("schools:cohort_create", args=[school.organisation.pk, school.programme.pk])
    before = Cohort.objects.count()
    response = school_admin_client.post(url, {"name": "X", "year": "1850"})
    assert response.status_code == 200
    assert "2000" in response.content.decode()
    response = school_admin_client.post(url, {"name": "X", "year": "deux-mille"})
    assert response.status_code == 200
    assert Cohort.objects.count() == before


def test_join_codes_are_unique_and_readable(school: School):
    codes = {organisations.join_code_new() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert not set(code) & set("0O1IL5S2Z")
    assert school.cohort.join_code != school.other_cohort.join_code


def test_cohort_pages_of_another_organisation_are_404_for_an_admin(
    school: School, school_admin_client
):
    foreign = school.foreign_cohort
    for name in ("schools:cohort_edit", "schools:cohort_delete", "schools:cohort_referents"):
        url = reverse(name, args=[school.organisation.pk, foreign.pk])
        assert school_admin_client.get(url).status_code == 404
    url = reverse("schools:cohort_code", args=[school.organisation.pk, foreign.pk])
    old = foreign.join_code
    assert school_admin_client.post(url).status_code == 404
    foreign.refresh_from_db()
    assert foreign.join_code == old
    url = reverse("schools:programme_delete", args=[school.organisation.pk, foreign.programme.pk])
    assert school_admin_client.post(url).status_code == 404
    assert Programme.objects.filter(pk=foreign.programme.pk).exists()


# --- Members -----------------------------------------------------------------------------------


def test_adding_an_existing_account_creates_only_the_membership(
    school: School, school_admin_client, other_intern
):
    response = school_admin_client.post(
        reverse("schools:members", args=[school.organisation.pk]),
        {"email": "YANIS@example.org", "role": "admin"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(
        organisation=school.organisation, user=other_intern, role="admin"
    ).exists()
    assert not Job.objects.filter(kind=organisations.JOB_MEMBER_WELCOME).exists()
    other_intern.refresh_from_db()
    assert other_intern.has_usable_password()


def test_a_new_referent_gets_an_account_and_an_email_to_choose_a_password(
    school: School, school_admin_client, smtp
):
    response = school_admin_client.post(
        reverse("schools:members", args=[school.organisation.pk]),
        {"email": "julie.blanc@iut.example.org", "role": "referent", "first_name": "Julie"},
    )
    assert response.status_code == 302
    user = User.objects.get(email="julie.blanc@iut.example.org")
    assert not user.has_usable_password() and user.first_name == "Julie"
    assert not smtp.messages  # sent by the worker, not in the request
    jobs_run_pending()
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert message["To"] == "julie.blanc@iut.example.org"
    assert "IUT Lumière" in message["Subject"]
    body = message.get_content()
    assert "Nadia Benali" in body and "Référent pédagogique" in body
    link = re.search(r"http://[^/\s]+(/accounts/password/reset/\S+/)", body)
    assert link, body

    # The link lets Julie choose a password, then log in and reach the school side.
    client = Client()
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0],
        {
            "new_password1": "un-mot-de-passe-solide-42",
            "new_password2": "un-mot-de-passe-solide-42",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("un-mot-de-passe-solide-42")
    # The same link no longer works.
    again = client.get(link.group(1), follow=True)
    assert "new_password1" not in again.content.decode()
    # A second run of the job sends nothing: the password is chosen.
    Job.objects.update(status=Job.Status.QUEUED)
    jobs_run_pending()
    assert len(smtp.messages) == 1


def test_the_welcome_email_speaks_the_organisations_language(school: School, school_admin, smtp):
    school.organisation.default_language = "en"
    school.organisation.save()
    organisations.member_add(
        organisation=school.organisation,
        email="tom@uni.example.org",
        role="admin",
        added_by=school_admin,
    )
    jobs_run_pending()
    body = smtp.messages[0].get_content()
    assert "password" in body and "mot de passe" not in body


def test_the_same_role_twice_and_bad_addresses_are_refused(school: School, school_admin_client):
    url = reverse("schools:members", args=[school.organisation.pk])
    before = Membership.objects.count()
    response = school_admin_client.post(
        url, {"email": "referent@iut.example.org", "role": "referent"}
    )
    assert response.status_code == 200
    assert "déjà ce rôle" in response.content.decode()
    response = school_admin_client.post(url, {"email": "pas-une-adresse", "role": "referent"})
    assert response.status_code == 200
    response = school_admin_client.post(url, {"email": "x@example.org", "role": "patron"})
    assert response.status_code == 200
    assert Membership.objects.count() == before
    assert not User.objects.filter(email="x@example.org").exists()


def test_the_last_admin_cannot_be_removed(school: School, school_admin_client, school_admin):
    membership = Membership.objects.get(organisation=school.organisation, user=school_admin)
    url = reverse("schools:member_remove", args=[school.organisation.pk, membership.pk])
    response = school_admin_client.post(url, follow=True)
    assert "dernier administrateur" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_removing_a_referent_also_removes_them_from_the_cohorts(
    school: School, school_admin_client, referent
):
    membership = Membership.objects.get(organisation=school.organisation, user=referent)
    school_admin_client.post(
        reverse("schools:member_remove", args=[school.organisation.pk, membership.pk])
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert not school.cohort.referents.filter(pk=referent.pk).exists()
    client = Client()
    client.force_login(referent)
    url = reverse("schools:intern", args=[school.cohort.pk, school.enrolment.pk])
    assert client.get(url).status_code == 404


def test_an_admin_may_leave_when_another_admin_remains(
    school: School, school_admin_client, school_admin, other_intern
):
    organisations.member_add(
        organisation=school.organisation,
        email=other_intern.email,
        role="admin",
        added_by=school_admin,
    )
    mine = Membership.objects.get(organisation=school.organisation, user=school_admin)
    response = school_admin_client.post(
        reverse("schools:member_remove", args=[school.organisation.pk, mine.pk])
    )
    assert response["Location"] == reverse("schools:index")
    url = reverse("schools:organisation", args=[school.organisation.pk])
    assert school_admin_client.get(url).status_code == 404


def test_assigning_referents_to_a_cohort(
    school: School, school_admin_client, referent, other_referent
):
    url = reverse("schools:cohort_referents", args=[school.organisation.pk, school.cohort.pk])
    page = school_admin_client.get(url).content.decode()
    assert "referent@iut.example.org" in page and "autre.referent@iut.example.org" in page
    response = school_admin_client.post(url, {"referents": [referent.pk, other_referent.pk]})
    assert response.status_code == 302
    assert set(school.cohort.referents.values_list("pk", flat=True)) == {
        referent.pk,
        other_referent.pk,
    }


def test_only_members_can_be_made_referents(school: School, school_admin_client, other_intern):
    url = reverse("schools:cohort_referents", args=[school.organisation.pk, school.cohort.pk])
    response = school_admin_client.post(url, {"referents": [other_intern.pk]})
    assert response.status_code == 200
    assert not school.cohort.referents.filter(pk=other_intern.pk).exists()
    with pytest.raises(ValidationError):
        organisations.cohort_referents_set(cohort=school.cohort, users=[other_intern])


def test_index_lists_what_the_user_is_staff_of(school: School, persona_client):
    page = persona_client("other_referent").get(reverse("schools:index")).content.decode()
    assert school.other_cohort.name in page
    assert school.cohort.name not in page
    assert reverse("schools:organisation", args=[school.organisation.pk]) not in page
    page = persona_client("school_admin").get(reverse("schools:index")).content.decode()
    assert school.cohort.name in page and school.other_cohort.name in page
    assert reverse("schools:organisation", args=[school.organisation.pk]) in page
    assert school.foreign_cohort.name not in page


def test_list_pages_do_not_grow_queries_with_cohorts(
    school: School, school_admin_client, referent, django_assert_max_num_queries
):
    pages = [
        reverse("schools:organisation", args=[school.organisation.pk]),
        reverse("schools:members", args=[school.organisation.pk]),
        reverse("schools:index"),
    ]
    baseline = {}
    for page in pages:
        with CaptureQueriesContext(connection) as captured:
            assert school_admin_client.get(page).status_code == 200
        baseline[page] = len(captured.captured_queries)
    for n in range(4):
        programme = organisations.programme_create(
            organisation=school.organisation, name=f"Formation {n}"
        )
        for year in (2025, 2026, 2027):
            cohort = organisations.cohort_create(programme=programme, name=f"P{n}", year=year)
            organisations.cohort_referents_set(cohort=cohort, users=[referent])
    for page in pages:
        with django_assert_max_num_queries(baseline[page]):
            assert school_admin_client.get(page).status_code == 200
