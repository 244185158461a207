from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from bilan.dossiers.models import Dossier
from bilan.overview.checklist import dossier_checklist


def test_demo_fills_skills_examples_highlights_and_feelings_once(db):
    call_command("demo", stdout=StringIO())
    call_command("demo", stdout=StringIO())
    dossier = Dossier.objects.get()
    assert dossier.skills.count() == 6
    assert dossier.skills.exclude(skill=None).count() == 4
    assert dossier.examples.count() == 2
    assert set(dossier.highlights.values_list("kind", flat=True)) == {"success", "difficulty"}
    assert dossier.feelings.applications
    items = {item.key: item for item in dossier_checklist(dossier).items}
    assert items["transversal"].done and not items["skills"].done
