from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from bilan.demo import content
from bilan.demo.evidence import demo_proofs_choose, demo_traces_link
from bilan.demo.school import REFERENT_EMAIL, demo_school_load
from bilan.demo.services import demo_load
from bilan.jobs.services import jobs_run_pending
from bilan.synthesis.services import synthesis_generate


class Command(BaseCommand):
    help = "Load the demo dossier and its school (idempotent) and print how to log in."

    def handle(self, *args: Any, **options: Any) -> None:
        result = demo_load()
        if result.created:
            # Extract the demo files now so the first page view shows them complete.
            jobs_run_pending()
            demo_traces_link(dossier=result.dossier)
            demo_proofs_choose(dossier=result.dossier)
            # Drafted last, from everything above (feedback included).
            synthesis_generate(dossier=result.dossier)
        school = demo_school_load(user=result.user, dossier=result.dossier)
        state = "created" if result.created else "already present"
        self.stdout.write(f"Demo dossier {state}: id {result.dossier.pk}")
        self.stdout.write(f"  URL:      {settings.SITE_URL}/dossiers/{result.dossier.pk}/")
        self.stdout.write(f"  Login:    {content.DEMO_EMAIL}")
        self.stdout.write(f"  Password: {content.DEMO_PASSWORD}")
        self.stdout.write(f"Demo school: {school.organisation.name}, cohort {school.cohort.name}")
        self.stdout.write(f"  URL:      {settings.SITE_URL}/cohorts/{school.cohort.pk}/")
        self.stdout.write(f"  Referent: {REFERENT_EMAIL}")
        self.stdout.write(f"  Password: {content.DEMO_PASSWORD}")
        self.stdout.write(f"  Join code for other interns: {school.cohort.join_code}")
