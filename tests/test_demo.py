from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from bilan.accounts.models import User
from bilan.demo import content
from bilan.demo.school import REFERENT_EMAIL
from bilan.dossiers.models import Dossier, Objective
from bilan.schools.access import cohort_for_staff
from bilan.schools.models import Cohort, Enrolment, Organisation


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
    assert User.objects.get(email=content.DEMO_EMAIL).check_password(content.DEMO_PASSWORD)
    changed = dossier.objectives.filter(status=Objective.Status.CHANGED).get()
    assert changed.reason
    traces = dossier.traces.all()
    assert traces.count() >= 5
    assert {"minutes", "feedback", "recommendation"} <= set(traces.values_list("kind", flat=True))
    assert not traces.filter(extraction="pending").exists()
    assert traces.filter(objectives__isnull=False).exists()
    version = dossier.synthesis.versions.get()
    assert "Coopérative Terres du Rhône" in version.sections["introduction"]


def test_demo_school_holds_the_dossier_and_a_referent_can_log_in(db, client):
    out = StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=out)
    assert Organisation.objects.count() == 1 and Cohort.objects.count() == 1
    cohort = Cohort.objects.get()
    dossier = Dossier.objects.get()
    enrolment = Enrolment.objects.get()
    assert (enrolment.cohort, enrolment.dossier, enrolment.user) == (cohort, dossier, dossier.owner)
    referent = User.objects.get(email=REFERENT_EMAIL)
    assert referent.check_password(content.DEMO_PASSWORD)
    assert cohort_for_staff(referent, cohort.pk).cohort == cohort
    text = out.getvalue()
    assert REFERENT_EMAIL in text and content.DEMO_EMAIL in text and cohort.name in text
    assert client.login(email=REFERENT_EMAIL, password=content.DEMO_PASSWORD)
    page = client.get(f"/cohorts/{cohort.pk}/")
    assert page.status_code == 200 and "Moreau Camille" in page.content.decode()
