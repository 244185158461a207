"""Organisation grids: copied from Bilan's default, edited, made default, given to interns."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bilan.feedback import services as feedback_services
from bilan.feedback.models import Criterion, Grid, Round
from bilan.schools.grids import builtin_default_grid, organisation_grid_create
from bilan.schools.models import OrganisationGrid

from .orgsettings_world import School, build_school, enrol, login, make_dossier, make_user


@pytest.fixture
def school(db) -> School:
    return build_school()


def url(name: str, *args: int) -> str:
    return reverse(f"orgsettings:{name}", args=args)


def create_grid(school: School, name: str = "Grille IUT") -> OrganisationGrid:
    client = login(school.admin)
    response = client.post(url("grids", school.organisation.pk), {"name": name})
    link = OrganisationGrid.objects.get(organisation=school.organisation, grid__name=name)
    assert response.status_code == 302
    assert response["Location"] == url("grid", school.organisation.pk, link.pk)
    return link


def labels(grid: Grid) -> list[str]:
    return list(grid.criteria.order_by("position", "id").values_list("label_fr", flat=True))


def rate(dossier, criterion: Criterion) -> None:
    """A tutor answers with a rating on ``criterion`` (through the feedback services)."""
    request = feedback_services.feedback_request_create(
        dossier=dossier,
        name="Jean Morel",
        email="jean@example.org",
        relationship="tutor",
        send=False,
    )
    feedback_services.feedback_answer_submit(
        feedback_request=request,
        ratings=[
            {"key": f"criterion:{criterion.pk}", "label": criterion.label_fr, "value": "bien"}
        ],
        comment="Très bon stage.",
    )


def test_create_from_the_default_copies_its_criteria(school):
    template = builtin_default_grid()
    assert template is not None and template.criteria.exists()
    before = Criterion.objects.filter(grid=template).count()
    link = create_grid(school)
    grid = link.grid
    assert link.is_default  # the organisation's first grid
    assert not grid.is_builtin and grid.key.startswith(f"org-{school.organisation.pk}-")
    assert grid.scale == template.scale
    copied = list(grid.criteria.values_list("group", "label_fr", "label_en"))
    assert copied == list(template.criteria.values_list("group", "label_fr", "label_en"))
    assert Criterion.objects.filter(grid=template).count() == before  # the template is untouched
    # A second grid is not the default.
    second = create_grid(school, "Grille alternance")
    assert not second.is_default
    page = login(school.admin).get(url("grids", school.organisation.pk)).content.decode()
    assert "Grille IUT" in page and "Grille alternance" in page


def test_name_and_scale_round_trip(school):
    link = create_grid(school)
    client = login(school.admin)
    response = client.post(
        url("grid", school.organisation.pk, link.pk),
        {"grid-name": "Grille BUT 2026", "grid-scale": "acquisition"},
    )
    assert response.status_code == 302
    link.grid.refresh_from_db()
    assert (link.grid.name, link.grid.scale) == ("Grille BUT 2026", "acquisition")
    page = client.get(url("grid", school.organisation.pk, link.pk)).content.decode()
    assert "Acquis / En cours d&#x27;acquisition" in page or "Acquis / En cours" in page
    # Bad input: a blank name or an unknown scale changes nothing.
    for data in (
        {"grid-name": "", "grid-scale": "excellence"},
        {"grid-name": "X", "grid-scale": "?"},
    ):
        assert client.post(url("grid", school.organisation.pk, link.pk), data).status_code == 400
    link.grid.refresh_from_db()
    assert (link.grid.name, link.grid.scale) == ("Grille BUT 2026", "acquisition")


def test_add_edit_reorder_and_delete_criteria(school):
    link = create_grid(school)
    grid = link.grid
    client = login(school.admin)
    org = school.organisation.pk
    count = grid.criteria.count()

    response = client.post(
        url("criterion_add", org, link.pk),
        {
            "new-group": "savoir_faire",
            "new-label_fr": "Rédiger un communiqué",
            "new-label_en": "Writing a press release",
        },
    )
    assert response.status_code == 302
    added = grid.criteria.get(label_fr="Rédiger un communiqué")
    assert (added.group, added.label_en, added.position) == (
        "savoir_faire",
        "Writing a press release",
        count,
    )
    assert labels(grid)[-1] == "Rédiger un communiqué"

    response = client.post(
        url("criterion_edit", org, link.pk, added.pk),
        {
            "group": "savoir_etre",
            "label_fr": "Rédiger un communiqué de presse",
            "label_en": "Writing press releases",
        },
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert (added.group, added.label_fr, added.label_en) == (
        "savoir_etre",
        "Rédiger un communiqué de presse",
        "Writing press releases",
    )

    before = labels(grid)
    client.post(url("criterion_move", org, link.pk, added.pk), {"direction": "up"})
    after = labels(grid)
    assert after[-2] == "Rédiger un communiqué de presse" and after[-1] == before[-2]
    positions = list(grid.criteria.order_by("position").values_list("position", flat=True))
    assert positions == list(range(len(positions)))
    first = grid.criteria.order_by("position").first()
    client.post(url("criterion_move", org, link.pk, first.pk), {"direction": "up"})  # stays first
    assert labels(grid)[0] == first.label_fr
    client.post(url("criterion_move", org, link.pk, first.pk), {"direction": "down"})
    assert labels(grid)[1] == first.label_fr

    response = client.post(url("criterion_delete", org, link.pk, added.pk))
    assert response.status_code == 302
    assert not Criterion.objects.filter(pk=added.pk).exists()
    assert grid.criteria.count() == count


def test_bad_criterion_input_writes_nothing(school, settings):
    link = create_grid(school)
    client = login(school.admin)
    org = school.organisation.pk
    count = link.grid.criteria.count()
    for data in (
        {"new-group": "savoir_faire", "new-label_fr": "", "new-label_en": "Only English"},
        {"new-group": "nope", "new-label_fr": "Un critère", "new-label_en": ""},
        {"new-group": "savoir_faire", "new-label_fr": "x" * 201, "new-label_en": ""},
    ):
        assert client.post(url("criterion_add", org, link.pk), data).status_code == 400
    assert link.grid.criteria.count() == count
    # The configured limit on criteria gives a clear message.
    settings.BILAN_ORG_GRID_CRITERIA = count
    response = client.post(
        url("criterion_add", org, link.pk),
        {"new-group": "savoir_faire", "new-label_fr": "Un de trop", "new-label_en": ""},
    )
    assert response.status_code == 400
    assert f"au plus {count} critères" in response.content.decode()
    assert link.grid.criteria.count() == count
    # Editing with a blank label is refused too.
    criterion = link.grid.criteria.first()
    response = client.post(
        url("criterion_edit", org, link.pk, criterion.pk),
        {"group": criterion.group, "label_fr": "", "label_en": ""},
    )
    assert response.status_code == 400
    criterion.refresh_from_db()
    assert criterion.label_fr


def test_a_rated_criterion_cannot_be_deleted_but_its_wording_can_change(school):
    link = create_grid(school)
    criterion = link.grid.criteria.first()
    rate(school.dossier, criterion)
    client = login(school.admin)
    org = school.organisation.pk
    response = client.post(url("criterion_delete", org, link.pk, criterion.pk), follow=True)
    assert Criterion.objects.filter(pk=criterion.pk).exists()
    assert "déjà été évalué par un tuteur" in response.content.decode()
    # The unrated one next to it can go.
    other = link.grid.criteria.exclude(pk=criterion.pk).first()
    client.post(url("criterion_delete", org, link.pk, other.pk))
    assert not Criterion.objects.filter(pk=other.pk).exists()
    # A new wording: the answer keeps the label the tutor saw.
    old_label = criterion.label_fr
    client.post(
        url("criterion_edit", org, link.pk, criterion.pk),
        {"group": criterion.group, "label_fr": "Ponctualité et assiduité", "label_en": ""},
    )
    criterion.refresh_from_db()
    assert criterion.label_fr == "Ponctualité et assiduité"
    answer = school.dossier.feedback_requests.get().answer
    assert answer.ratings[0]["label"] == old_label


def test_the_default_grid_goes_to_the_next_enrolled_dossier(school):
    first = create_grid(school)
    second = create_grid(school, "Grille alternance")
    client = login(school.admin)
    client.post(url("grid_default", school.organisation.pk, second.pk))
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.is_default and not first.is_default
    assert (
        OrganisationGrid.objects.filter(organisation=school.organisation, is_default=True).count()
        == 1
    )
    newcomer = make_dossier(make_user("lea@example.org"))
    enrol(school.cohort, newcomer)
    current = Round.objects.get(dossier=newcomer)
    assert current.grid == second.grid and current.scale == second.grid.scale


def test_apply_the_default_to_enrolled_dossiers_without_answers(school):
    answered = make_dossier(make_user("noe@example.org"))
    enrol(school.cohort, answered)  # enrolled before the organisation had a grid
    template = builtin_default_grid()
    rate(answered, template.criteria.first())
    not_enrolled = make_dossier(make_user("solo@example.org"))
    link = create_grid(school)
    client = login(school.admin)
    page = client.get(url("grids", school.organisation.pk)).content.decode()
    assert "1 dossier inscrit sans réponse" in page
    response = client.post(url("grid_apply", school.organisation.pk), follow=True)
    assert "donnée à 1 dossier" in response.content.decode()
    assert Round.objects.get(dossier=school.dossier).grid == link.grid
    # The dossier with an answer keeps the grid its tutor rated; others are not touched.
    assert feedback_services.round_get(dossier=answered).grid == template
    assert not Round.objects.filter(dossier=not_enrolled).exists()
    # Applying again changes nothing.
    client.post(url("grid_apply", school.organisation.pk))
    assert Round.objects.get(dossier=school.dossier).grid == link.grid


def test_apply_without_a_default_grid_says_so(school):
    response = login(school.admin).post(url("grid_apply", school.organisation.pk), follow=True)
    assert "Choisissez d&#x27;abord la grille par défaut" in response.content.decode()
    assert not Round.objects.exists()


def test_delete_a_grid_only_when_no_dossier_uses_it(school):
    used = create_grid(school)
    feedback_services.round_update(dossier=school.dossier, grid=used.grid, scale=used.grid.scale)
    unused = organisation_grid_create(organisation=school.organisation, name="Brouillon")
    client = login(school.admin)
    client.post(url("grid_delete", school.organisation.pk, used.pk))
    assert OrganisationGrid.objects.filter(pk=used.pk).exists()
    client.post(url("grid_delete", school.organisation.pk, unused.pk))
    assert not OrganisationGrid.objects.filter(pk=unused.pk).exists()
    assert not Grid.objects.filter(name="Brouillon").exists()


def test_the_intern_keeps_using_the_organisation_grid_in_their_settings(school):
    link = create_grid(school)
    grid_services_apply = login(school.admin).post(url("grid_apply", school.organisation.pk))
    assert grid_services_apply.status_code == 302
    client = login(school.intern)
    settings_url = reverse("feedback:settings", args=[school.dossier.pk])
    page = client.get(settings_url)
    assert page.status_code == 200
    assert "Grille IUT" in page.content.decode()
    response = client.post(settings_url, {"grid": link.grid.pk, "scale": "attentes"})
    assert response.status_code == 302
    current = Round.objects.get(dossier=school.dossier)
    assert (current.grid, current.scale) == (link.grid, "attentes")
    # Another organisation's grid is not offered.
    other = organisation_grid_create(organisation=school.other_organisation, name="Nord")
    response = client.post(settings_url, {"grid": other.grid.pk, "scale": "attentes"})
    assert response.status_code == 400
    assert Round.objects.get(dossier=school.dossier).grid == link.grid
