from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from bilan.accounts.models import User
from bilan.demo import content
from bilan.dossiers.models import Dossier, Objective


def test_demo_is_idempotent_and_prints_login(db):
    out = StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=out)
    assert User.objects.filter(email=content.DEMO_EMAIL).count() == 1
    dossier = Dossier.objects.get()
    text = out.getvalue()
    assert f"id {dossier.pk}" in text and content.DEMO_PASSWORD in text
    assert dossier.objectives.count() >= 12
    statuses = set(dossier.objectives.values_list("status", flat=True))
    assert {"done", "partial", "changed", "dropped", "planned"} <= statuses
    assert dossier.objectives.filter(unplanned=True).exists()
    weeks = {entry.week_start for entry in dossier.journal_entries.all()}
    assert len(weeks) >= 5
    assert User.objects.get().check_password(content.DEMO_PASSWORD)
    changed = dossier.objectives.filter(status=Objective.Status.CHANGED).get()
    assert changed.reason
    traces = dossier.traces.all()
    assert traces.count() >= 5
    assert {"minutes", "feedback", "recommendation"} <= set(traces.values_list("kind", flat=True))
    assert not traces.filter(extraction="pending").exists()
    assert traces.filter(objectives__isnull=False).exists()
    version = dossier.synthesis.versions.get()
    assert "Coopérative Terres du Rhône" in version.sections["introduction"]
