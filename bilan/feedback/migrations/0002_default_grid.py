"""The built-in tutor grid, modelled on French internship evaluation forms."""

from __future__ import annotations

from django.db import migrations

SAVOIR_ETRE = [
    ("Adaptation", "Adaptability"),
    ("Intégration dans l'équipe", "Integration in the team"),
    ("Assiduité et ponctualité", "Attendance and punctuality"),
    ("Organisation", "Organisation"),
    ("Autonomie", "Autonomy"),
    ("Initiative", "Initiative"),
    ("Implication", "Commitment"),
    ("Rigueur", "Rigour"),
]
SAVOIR_FAIRE = [
    ("Application des connaissances", "Applying knowledge"),
    ("Capacité d'observation", "Observation"),
    ("Capacité de synthèse", "Synthesis"),
    ("Communication", "Communication"),
]


def create(apps, schema_editor):
    Grid = apps.get_model("feedback", "Grid")
    Criterion = apps.get_model("feedback", "Criterion")
    grid, created = Grid.objects.get_or_create(
        key="bilan-default",
        defaults={
            "name": "Grille d'évaluation du stage (savoir-être, savoir-faire)",
            "scale": "excellence",
            "is_builtin": True,
        },
    )
    if not created:
        return
    rows = [("savoir_etre", fr, en) for fr, en in SAVOIR_ETRE]
    rows += [("savoir_faire", fr, en) for fr, en in SAVOIR_FAIRE]
    Criterion.objects.bulk_create(
        Criterion(grid=grid, group=group, label_fr=fr, label_en=en, position=position)
        for position, (group, fr, en) in enumerate(rows)
    )


def remove(apps, schema_editor):
    apps.get_model("feedback", "Grid").objects.filter(key="bilan-default").delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
