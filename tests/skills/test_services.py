"""Services: built-ins, search, the intern's skills, examples, highlights, progress."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bilan.dossiers import services as dossier_services
from bilan.overview.checklist import dossier_checklist
from bilan.skills import scale, services
from bilan.skills.models import Framework, Skill
from bilan.skills.textnorm import normalise
from bilan.skills.upsert import ImportCounts


def test_builtins_exist_after_migrate_and_ensure_is_idempotent(db):
    keys = set(Framework.objects.filter(is_default=True).values_list("key", flat=True))
    assert keys == {"bilan", "savoir-etre"}
    assert Skill.objects.filter(framework__key="savoir-etre").count() == 16
    families = set(Skill.objects.filter(framework__key="bilan").values_list("family", flat=True))
    assert families == {"technical", "transversal", "behavioural"}
    counts = services.skills_builtin_ensure()
    assert counts["bilan"] == ImportCounts(created=0, updated=0, unchanged=22)


def test_savoir_etre_keep_rome_codes_and_labels(builtin_skill):
    skill = builtin_skill("savoir-etre", "300473")
    assert skill.label_fr == "Faire preuve de réactivité"
    assert skill.label_en == "Showing responsiveness"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("reactivite", "Faire preuve de réactivité"),
        ("RÉACTIVITÉ", "Faire preuve de réactivité"),
        ("capacite d'adaptation", "Etre ouvert aux changements"),
        ("equipe travail", "Travailler en équipe"),
        ("teamwork", "Travailler en équipe"),
    ],
)
def test_search_is_accent_and_case_insensitive_and_reads_alt_labels(defaults, query, expected):
    labels = [skill.label_fr for skill in services.skill_search(query=query, frameworks=defaults)]
    assert expected in labels


def test_search_stays_one_query_on_a_large_framework(defaults):
    big = Framework.objects.create(key="big", name="Big", source="custom")
    Skill.objects.bulk_create(
        Skill(
            framework=big,
            code=str(i),
            family="technical",
            label_fr=f"outil {i}",
            search_text=normalise(f"outil {i}"),
        )
        for i in range(15_000)
    )
    with CaptureQueriesContext(connection) as queries:
        found = services.skill_search(query="Outil 1499", frameworks=[big, *defaults])
    assert len(queries) == 1
    assert found[0].label_fr == "outil 1499"
    assert services.skill_search(query="   ", frameworks=defaults) == []


def test_add_skill_from_framework_and_free_entry(dossier, team_skill):
    item = services.dossier_skill_add(dossier=dossier, skill=team_skill)
    assert item.family == "transversal" and item.label == "Travailler en équipe"
    with pytest.raises(ValidationError, match="déjà dans vos compétences"):
        services.dossier_skill_add(dossier=dossier, skill=team_skill)
    free = services.dossier_skill_add(dossier=dossier, label=" Brevo ", family="technical")
    assert free.label == "Brevo"
    with pytest.raises(ValidationError, match="déjà"):
        services.dossier_skill_add(dossier=dossier, label="brevo", family="technical")
    with pytest.raises(ValidationError):
        services.dossier_skill_add(dossier=dossier, label="X", family="technical", level_now=9)
    assert dossier.skills.count() == 2


def test_update_levels_and_progress(kept):
    services.dossier_skill_update(dossier_skill=kept, level_now=3, note="Réunions")
    kept.refresh_from_db()
    assert kept.progress == 2 and kept.level_now_label == str(scale.LEVELS[2].label)


def test_example_links_only_the_dossiers_own_skills_and_objectives(dossier, intern, kept):
    other = dossier_services.dossier_create(
        owner=intern,
        organisation="Autre",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 2, 1),
    )
    foreign = dossier_services.objective_create(dossier=other, title="Ailleurs")
    with pytest.raises(ValidationError):
        services.example_create(dossier=dossier, title="x", action="y", objectives=[foreign])
    assert dossier.examples.count() == 0
    objective = dossier_services.objective_create(dossier=dossier, title="Benchmark")
    example = services.example_create(
        dossier=dossier,
        title="Réunion",
        action="J'ai animé",
        skills=[kept],
        objectives=[objective],
    )
    assert list(example.skills.all()) == [kept] and list(example.objectives.all()) == [objective]
    assert not example.is_complete


def test_overview_counts_skills_without_example(dossier, kept):
    services.dossier_skill_add(dossier=dossier, label="Canva", family="technical")
    overview = services.skills_overview(dossier=dossier)
    assert (overview.total, overview.with_example, overview.without_example) == (2, 0, 2)
    services.example_create(dossier=dossier, title="t", action="a", skills=[kept])
    overview = services.skills_overview(dossier=dossier)
    assert overview.without_example == 1
    assert overview.count("transversal") == 1


def test_checklist_items_follow_skills_examples_and_axes(dossier, builtin_skill):
    items = {item.key: item for item in dossier_checklist(dossier).items}
    assert items["skills"].available and not items["skills"].done
    assert items["transversal"].available and not items["transversal"].done
    tech = services.dossier_skill_add(dossier=dossier, label="Brevo", family="technical")
    team = services.dossier_skill_add(dossier=dossier, skill=builtin_skill("bilan", "TRANS-EQUIPE"))
    oral = services.dossier_skill_add(dossier=dossier, skill=builtin_skill("bilan", "TRANS-ORAL"))
    services.example_create(dossier=dossier, title="t", action="a", skills=[tech, team, oral])
    items = {item.key: item for item in dossier_checklist(dossier).items}
    assert items["skills"].done and items["skills"].detail == "3 compétences"
    assert not items["transversal"].done
    services.progress_axis_add(dossier=dossier, text="Écrire plus court")
    services.progress_axis_add(dossier=dossier, text="Oser parler en réunion")
    assert {i.key: i for i in dossier_checklist(dossier).items}["transversal"].done


def test_highlights_feelings_and_axes(dossier):
    example = services.example_create(dossier=dossier, title="t", action="a")
    item = services.highlight_create(
        dossier=dossier, kind="difficulty", title="Appels", solution="Script", examples=[example]
    )
    assert list(item.examples.all()) == [example]
    assert services.highlights_for_dossier(dossier=dossier)["difficulty"] == [item]
    assert services.feelings_get(dossier=dossier).pk is None
    services.feelings_update(dossier=dossier, team="Bienveillante")
    assert services.feelings_get(dossier=dossier).team == "Bienveillante"
    services.progress_axis_add(dossier=dossier, text="Écrire plus court")
    with pytest.raises(ValidationError, match="figure déjà"):
        services.progress_axis_add(dossier=dossier, text="écrire plus court")


def test_frameworks_default_then_chosen(dossier, defaults):
    assert set(services.frameworks_for_dossier(dossier=dossier)) == set(defaults)
    services.dossier_frameworks_set(dossier=dossier, frameworks=defaults[:1])
    assert services.frameworks_for_dossier(dossier=dossier) == defaults[:1]
    with pytest.raises(ValidationError):
        services.dossier_frameworks_set(dossier=dossier, frameworks=[])


def test_normalise():
    assert normalise("  Réactivité  ŒUVRE ") == "reactivite oeuvre"
