"""The header's "Promotions" entry: for admins and referents, nobody else, at no cost per page."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from bilan.schools import organisations


def entry() -> str:
    return f'<a href="{reverse("schools:index")}">'


def test_interns_and_outsiders_see_no_school_entry(school, intern_client, outsider_client):
    for client in (intern_client, outsider_client, Client()):
        page = client.get(reverse("dossiers:list")).content.decode()
        assert entry() not in page
    # But anyone may start their school's space from their dossiers.
    page = intern_client.get(reverse("dossiers:list")).content.decode()
    assert reverse("schools:organisation_create") in page


def test_referents_and_admins_see_it(school, persona_client):
    for persona in ("referent", "other_referent", "school_admin", "other_admin"):
        page = persona_client(persona).get(reverse("dossiers:list")).content.decode()
        assert entry() in page, persona
        assert "Promotions" in page


def test_the_entry_costs_no_query_per_page(school, referent_client, django_assert_num_queries):
    referent_client.get(reverse("dossiers:list"))
    # session, user, the dossier list: as for anyone.
    with django_assert_num_queries(3):
        page = referent_client.get(reverse("dossiers:list")).content.decode()
    assert entry() in page


def test_someone_added_while_logged_in_gets_it_from_the_school_page(
    school, intern, intern_client, school_admin
):
    assert entry() not in intern_client.get(reverse("dossiers:list")).content.decode()
    organisations.member_add(
        organisation=school.organisation,
        email=intern.email,
        role="referent",
        added_by=school_admin,
    )
    intern_client.get(reverse("schools:index"))
    assert entry() in intern_client.get(reverse("dossiers:list")).content.decode()
