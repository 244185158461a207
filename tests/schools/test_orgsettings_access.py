"""Only the organisation's admins reach its settings; everyone else gets a 404 (GET and POST)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bilan.feedback.models import Criterion, Grid
from bilan.schools.grids import organisation_grid_create
from bilan.schools.models import Organisation, OrganisationFramework, OrganisationGrid
from bilan.skills.models import Framework

from .orgsettings_world import School, build_school, login, make_user


@pytest.fixture
def school(db) -> School:
    return build_school()


ORG = ("home", "details", "policy", "grids", "grid_apply", "frameworks")
GRID = ("grid", "grid_default", "grid_delete", "criterion_add")
CRITERION = ("criterion_edit", "criterion_move", "criterion_delete")
FRAMEWORK = ("framework", "framework_delete")
GET_PAGES = {
    "home",
    "details",
    "policy",
    "grids",
    "frameworks",
    "grid",
    "criterion_edit",
    "framework",
}


def all_urls(school: School) -> list[tuple[str, str]]:
    org = school.organisation.pk
    link = organisation_grid_create(organisation=school.organisation)
    criterion = link.grid.criteria.first()
    framework = OrganisationFramework.objects.create(
        organisation=school.organisation,
        framework=Framework.objects.create(key="org-test", name="Blocs", source="custom"),
    )
    urls = [(name, reverse(f"orgsettings:{name}", args=[org])) for name in ORG]
    urls += [(name, reverse(f"orgsettings:{name}", args=[org, link.pk])) for name in GRID]
    urls += [
        (name, reverse(f"orgsettings:{name}", args=[org, link.pk, criterion.pk]))
        for name in CRITERION
    ]
    urls += [(name, reverse(f"orgsettings:{name}", args=[org, framework.pk])) for name in FRAMEWORK]
    return urls


def snapshot(organisation: Organisation) -> tuple:
    organisation.refresh_from_db()
    return (
        organisation.name,
        OrganisationGrid.objects.count(),
        Grid.objects.count(),
        Criterion.objects.count(),
        OrganisationFramework.objects.count(),
        list(Criterion.objects.order_by("id").values_list("position", "label_fr")),
    )


@pytest.mark.parametrize("who", ["other_admin", "referent", "intern", "stranger"])
def test_everyone_but_the_admin_gets_404(school, who):
    urls = all_urls(school)
    user = make_user("stranger@example.org") if who == "stranger" else getattr(school, who)
    client = login(user)
    before = snapshot(school.organisation)
    data = {
        "name": "Piratée",
        "grid-name": "x",
        "grid-scale": "excellence",
        "direction": "up",
        "group": "savoir_faire",
        "label_fr": "x",
        "new-group": "savoir_faire",
        "new-label_fr": "x",
        "kind": "school",
        "default_language": "fr",
    }
    for name, address in urls:
        assert client.get(address).status_code == 404, name
        assert client.post(address, data).status_code == 404, name
    assert snapshot(school.organisation) == before


def test_anonymous_is_sent_to_login(school):
    for name, address in all_urls(school):
        response = Client().get(address)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def test_the_admin_reaches_every_page(school):
    client = login(school.admin)
    for name, address in all_urls(school):
        if name in GET_PAGES:
            response = client.get(address)
            assert response.status_code == 200, name
            assert b"<style" not in response.content and b" style=" not in response.content
            assert b"onclick=" not in response.content
        else:
            assert client.get(address).status_code == 405, name  # POST only


def test_a_grid_of_another_organisation_is_404_even_for_an_admin(school):
    theirs = organisation_grid_create(organisation=school.other_organisation)
    client = login(school.admin)
    org = school.organisation.pk
    assert client.get(reverse("orgsettings:grid", args=[org, theirs.pk])).status_code == 404
    # Through their organisation's id: not an admin there.
    other = school.other_organisation.pk
    assert client.get(reverse("orgsettings:grid", args=[other, theirs.pk])).status_code == 404
    criterion = theirs.grid.criteria.first()
    mine = organisation_grid_create(organisation=school.organisation)
    address = reverse("orgsettings:criterion_delete", args=[org, mine.pk, criterion.pk])
    assert client.post(address).status_code == 404
    assert Criterion.objects.filter(pk=criterion.pk).exists()


def test_pages_in_english(school):
    client = login(school.admin)
    client.post(reverse("accounts:language"), {"language": "en", "next": "/"})
    link = organisation_grid_create(organisation=school.organisation)
    pages = {
        "home": "Organisation settings",
        "grids": "Tutor evaluation grids",
        "frameworks": "The organisation's frameworks",
        "policy": "Reminders and retention",
        "details": "Details and language",
    }
    for name, text in pages.items():
        page = client.get(reverse(f"orgsettings:{name}", args=[school.organisation.pk]))
        assert text in page.content.decode(), name
    page = client.get(reverse("orgsettings:grid", args=[school.organisation.pk, link.pk]))
    assert "Add a criterion" in page.content.decode()
