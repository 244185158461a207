from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from bilan.demo import content
from bilan.demo.evidence import demo_proofs_choose, demo_traces_link
from bilan.demo.services import demo_load
from bilan.jobs.services import jobs_run_pending
from bilan.synthesis.services import synthesis_generate


class Command(BaseCommand):
    help = "Load the demo dossier (idempotent) and print how to log in."

    def handle(self, *args: Any, **options: Any) -> None:
        result = demo_load()
        if result.created:
            # Extract the demo files now so the first page view shows them complete.
            jobs_run_pending()
            demo_traces_link(dossier=result.dossier)
            demo_proofs_choose(dossier=result.dossier)
            # Drafted last, from everything above (feedback included).
            synthesis_generate(dossier=result.dossier)
        state = "created" if result.created else "already present"
        self.stdout.write(f"Demo dossier {state}: id {result.dossier.pk}")
        self.stdout.write(f"  URL:      {settings.SITE_URL}/dossiers/{result.dossier.pk}/")
        self.stdout.write(f"  Login:    {content.DEMO_EMAIL}")
        self.stdout.write(f"  Password: {content.DEMO_PASSWORD}")
