"""Load the frameworks shipped with Bilan (idempotent: re-running updates them in place)."""

from __future__ import annotations

from django.db import migrations


def load(apps, schema_editor):
    from bilan.skills.builtin import ensure_builtins

    ensure_builtins(apps.get_model("skills", "Framework"), apps.get_model("skills", "Skill"))


class Migration(migrations.Migration):
    dependencies = [("skills", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
