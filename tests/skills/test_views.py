"""Views: the response AND the database, bad input on every form, query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from bilan.dossiers import services as dossier_services
from bilan.skills import services
from bilan.skills.models import DossierFramework, Highlight, Suggestion


def _url(name, dossier, *args):
    return reverse(name, args=[dossier.pk, *args])


def test_list_page_query_count_does_not_grow_with_skills(
    intern_client, dossier, kept, django_assert_num_queries
):
    for label in ("Brevo", "Canva", "Looker Studio"):
        item = services.dossier_skill_add(dossier=dossier, label=label, family="technical")
        services.example_create(dossier=dossier, title=label, action="a", skills=[item])
    with django_assert_num_queries(8):
        response = intern_client.get(_url("skills:list", dossier))
    body = response.content.decode()
    assert "Travailler en équipe" in body and "Looker Studio" in body
    assert "Sans exemple" in body and "1 exemple" in body


def test_add_free_skill(intern_client, dossier):
    response = intern_client.post(
        _url("skills:add_free", dossier),
        {"label": "Brevo", "family": "technical", "level_before": "1", "level_now": "3"},
    )
    assert response.status_code == 302
    item = dossier.skills.get()
    assert (item.custom_label, item.level_before, item.level_now) == ("Brevo", 1, 3)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"label": "  ", "family": "technical"}, "Nommez la compétence."),
        ({"label": "X", "family": "magie"}, "Sélectionnez un choix valide"),
        ({"label": "X", "family": "technical", "level_now": "9"}, "Sélectionnez un choix valide"),
    ],
)
def test_add_free_skill_bad_input(intern_client, dossier, data, message):
    response = intern_client.post(_url("skills:add_free", dossier), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert dossier.skills.count() == 0


def test_pick_search_and_add(intern_client, dossier, team_skill):
    response = intern_client.get(_url("skills:pick", dossier), {"q": "reactivite"})
    assert "Faire preuve de réactivité" in response.content.decode()
    response = intern_client.post(
        _url("skills:add_from_framework", dossier), {"skill": team_skill.pk}
    )
    assert response.status_code == 302 and dossier.skills.get().skill == team_skill
    again = intern_client.post(
        _url("skills:add_from_framework", dossier), {"skill": team_skill.pk}, follow=True
    )
    assert "déjà dans vos compétences" in again.content.decode()
    assert dossier.skills.count() == 1


def test_pick_sets_the_levels_on_the_same_step(intern_client, dossier, team_skill):
    response = intern_client.get(_url("skills:pick", dossier), {"q": "travailler equipe"})
    page = response.content.decode()
    assert f'id="pick-{team_skill.pk}-before"' in page and f'id="pick-{team_skill.pk}-now"' in page
    response = intern_client.post(
        _url("skills:add_from_framework", dossier),
        {"skill": team_skill.pk, "level_before": "1", "level_now": "3"},
    )
    assert response.status_code == 302
    item = dossier.skills.get()
    assert (item.skill, item.level_before, item.level_now) == (team_skill, 1, 3)


def test_pick_with_a_level_off_the_scale_adds_nothing(intern_client, dossier, team_skill):
    response = intern_client.post(
        _url("skills:add_from_framework", dossier),
        {"skill": team_skill.pk, "level_now": "9"},
        follow=True,
    )
    assert "Choisissez les niveaux dans la liste" in response.content.decode()
    assert dossier.skills.count() == 0


def test_a_framework_skill_never_shows_its_internal_code(intern_client, dossier, team_skill):
    item = services.dossier_skill_add(dossier=dossier, skill=team_skill)
    assert team_skill.code
    for url in (
        _url("skills:edit", dossier, item.pk),
        _url("skills:list", dossier),
        _url("skills:pick", dossier) + "?q=equipe",
    ):
        assert team_skill.code not in intern_client.get(url).content.decode()


def test_pick_refuses_a_skill_outside_active_frameworks(intern_client, dossier, defaults):
    bilan = next(f for f in defaults if f.key == "bilan")
    DossierFramework.objects.create(dossier=dossier, framework=bilan)
    other = next(f for f in defaults if f.key == "savoir-etre").skills.first()
    response = intern_client.post(
        _url("skills:add_from_framework", dossier), {"skill": other.pk}, follow=True
    )
    assert "pas dans vos référentiels" in response.content.decode()
    assert dossier.skills.count() == 0


def test_htmx_search_returns_the_fragment(intern_client, dossier):
    response = intern_client.get(
        _url("skills:pick", dossier), {"q": "equipe"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "Travailler en équipe" in body and "<html" not in body


def test_edit_levels_and_bad_level(intern_client, dossier, kept):
    url = _url("skills:edit", dossier, kept.pk)
    response = intern_client.post(
        url, {"family": "transversal", "level_before": "1", "level_now": "4", "note": "ok"}
    )
    assert response.status_code == 302
    kept.refresh_from_db()
    assert kept.level_now == 4 and kept.note == "ok"
    bad = intern_client.post(url, {"family": "transversal", "level_now": "7"})
    assert bad.status_code == 400 and "Sélectionnez un choix valide" in bad.content.decode()
    kept.refresh_from_db()
    assert kept.level_now == 4


def test_delete_skill(intern_client, dossier, kept):
    assert intern_client.post(_url("skills:delete", dossier, kept.pk)).status_code == 302
    assert dossier.skills.count() == 0


def test_frameworks_choice(intern_client, dossier, defaults):
    url = _url("skills:frameworks", dossier)
    body = intern_client.get(url).content.decode()
    assert "savoir-être professionnels" in body
    response = intern_client.post(url, {"frameworks": [defaults[0].pk]})
    assert response.status_code == 302
    assert list(DossierFramework.objects.values_list("framework_id", flat=True)) == [defaults[0].pk]
    bad = intern_client.post(url, {})
    assert bad.status_code == 400 and "Choisissez au moins un référentiel." in bad.content.decode()
    assert DossierFramework.objects.count() == 1


def test_chart_is_accessible_svg_with_table(intern_client, dossier, kept):
    services.dossier_skill_update(dossier_skill=kept, level_now=3)
    body = intern_client.get(_url("skills:chart", dossier)).content.decode()
    assert 'role="img"' in body and '<title id="chart-title">' in body
    assert "<table" in body and "Travailler en équipe" in body
    assert 'width="450"' in body  # level 3 of 4 on a 600-wide chart


def test_example_create_edit_delete(intern_client, dossier, kept):
    objective = dossier_services.objective_create(dossier=dossier, title="Benchmark")
    url = _url("skills:example_create", dossier)
    assert "Travailler en équipe" in intern_client.get(url, {"skill": kept.pk}).content.decode()
    response = intern_client.post(
        url,
        {
            "title": "Salon",
            "situation": "s",
            "task": "t",
            "action": "J'ai animé le stand",
            "result": "r",
            "learned": "l",
            "skills": [kept.pk],
            "objectives": [objective.pk],
        },
    )
    assert response.status_code == 302
    example = dossier.examples.get()
    assert example.is_complete and list(example.skills.all()) == [kept]
    assert list(example.objectives.all()) == [objective]
    edit = _url("skills:example_edit", dossier, example.pk)
    intern_client.post(edit, {"title": "Salon 2", "action": "a", "skills": []})
    example.refresh_from_db()
    assert example.title == "Salon 2" and example.skills.count() == 0
    intern_client.post(_url("skills:example_delete", dossier, example.pk))
    assert dossier.examples.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "action": "a"}, "Ce champ est obligatoire."),
        ({"title": "t", "action": ""}, "Décrivez au moins l&#x27;action"),
        ({"title": "t", "action": "a", "skills": ["999999"]}, "Sélectionnez un choix valide"),
        ({"title": "t", "action": "é" * 10_001}, "la limite est de"),
    ],
)
def test_example_bad_input(intern_client, dossier, data, message):
    response = intern_client.post(_url("skills:example_create", dossier), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert dossier.examples.count() == 0


def test_example_cannot_link_another_users_skill(intern_client, dossier, outsider):
    theirs = dossier_services.dossier_create(
        owner=outsider,
        organisation="X",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 2, 1),
    )
    foreign = services.dossier_skill_add(dossier=theirs, label="Secret", family="technical")
    response = intern_client.post(
        _url("skills:example_create", dossier),
        {"title": "t", "action": "a", "skills": [foreign.pk]},
    )
    assert response.status_code == 400 and dossier.examples.count() == 0


def test_highlights_flow_and_difficulty_needs_a_solution(intern_client, dossier):
    url = reverse(
        "skills:highlight_create", kwargs={"dossier_id": dossier.pk, "kind": "difficulty"}
    )
    bad = intern_client.post(url, {"title": "Appels", "description": "peur"})
    assert bad.status_code == 400
    assert "Indiquez la solution trouvée ou les ressources mobilisées" in bad.content.decode()
    assert dossier.highlights.count() == 0
    ok = intern_client.post(url, {"title": "Appels", "resources": "Ma tutrice"})
    assert ok.status_code == 302
    item = dossier.highlights.get()
    assert item.kind == Highlight.Kind.DIFFICULTY and item.resources == "Ma tutrice"
    success = reverse(
        "skills:highlight_create", kwargs={"dossier_id": dossier.pk, "kind": "success"}
    )
    assert intern_client.post(success, {"title": "  "}).status_code == 400
    intern_client.post(success, {"title": "Newsletter à 42 %"})
    body = intern_client.get(_url("skills:highlights", dossier)).content.decode()
    assert "Newsletter à 42 %" in body and "Ma tutrice" in body
    unknown = reverse("skills:highlight_create", kwargs={"dossier_id": dossier.pk, "kind": "x"})
    assert intern_client.get(unknown).status_code == 404
    edit = _url("skills:highlight_edit", dossier, item.pk)
    intern_client.post(edit, {"title": "Appels aux producteurs", "solution": "Script"})
    item.refresh_from_db()
    assert item.title == "Appels aux producteurs"
    intern_client.post(_url("skills:highlight_delete", dossier, item.pk))
    assert dossier.highlights.count() == 1


def test_feelings_and_axes(intern_client, dossier):
    url = _url("skills:feelings", dossier)
    response = intern_client.post(url, {"team": "Très bonne", "culture": "Coopérative"})
    assert response.status_code == 302
    assert dossier.feelings.team == "Très bonne"
    too_long = intern_client.post(url, {"team": "x" * 10_001})
    assert too_long.status_code == 400
    dossier.feelings.refresh_from_db()
    assert dossier.feelings.team == "Très bonne"
    add = _url("skills:axis_add", dossier)
    assert intern_client.post(add, {"text": "Écrire plus court"}).status_code == 302
    empty = intern_client.post(add, {"text": "   "})
    assert empty.status_code == 400 and "Écrivez l&#x27;axe de progrès." in empty.content.decode()
    dup = intern_client.post(add, {"text": "écrire plus court"})
    assert dup.status_code == 400 and "figure déjà" in dup.content.decode()
    axis = dossier.progress_axes.get()
    intern_client.post(_url("skills:axis_delete", dossier, axis.pk))
    assert dossier.progress_axes.count() == 0


@pytest.mark.usefixtures("nlp")
def test_suggestion_buttons(intern_client, dossier):
    dossier_services.journal_entry_create(
        dossier=dossier, date=dt.date(2026, 4, 7), text="J'ai travaillé avec mes collègues."
    )
    response = intern_client.post(_url("skills:suggestions_run", dossier), follow=True)
    assert "nouvelle" in response.content.decode()
    suggestion = Suggestion.objects.get(dossier=dossier, skill__code="TRANS-EQUIPE")
    assert "J&#x27;ai travaillé avec mes collègues." in response.content.decode()
    intern_client.post(
        _url("skills:suggestion_accept", dossier, suggestion.pk), {"with_example": "on"}
    )
    assert dossier.skills.get().skill.code == "TRANS-EQUIPE" and dossier.examples.count() == 1
    other = Suggestion.objects.filter(dossier=dossier, status="pending").first()
    if other is not None:
        intern_client.post(_url("skills:suggestion_dismiss", dossier, other.pk))
        other.refresh_from_db()
        assert other.status == "dismissed"
    # An answered suggestion cannot be answered twice.
    again = intern_client.post(_url("skills:suggestion_accept", dossier, suggestion.pk))
    assert again.status_code == 404


def test_dossier_nav_and_home_checklist_link_to_skills(intern_client, dossier):
    body = intern_client.get(reverse("dossiers:home", args=[dossier.pk])).content.decode()
    assert _url("skills:list", dossier) in body and _url("skills:feelings", dossier) in body
    assert "0 compétence" in body and "il manque : une compétence technique" in body
