"""A full account for the privacy tests: the demo dossier (traces with files, a mailbox import,
feedback with the tutor's grid, synthesis, meeting) plus what the demo lacks."""

from __future__ import annotations

import datetime
import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from bilan.accounts.models import User
from bilan.demo.services import demo_load
from bilan.dossiers.models import Dossier
from bilan.schools.models import AccessLog, Enrolment
from bilan.skills.models import Example, Highlight, ProgressAxis


@pytest.fixture
def full_account(db):
    call_command("demo", stdout=io.StringIO())
    result = demo_load()
    dossier = result.dossier
    # The demo enrols the dossier with its school. Enrolments belong to the school's instance:
    # exported but not imported (SCHEMA.md), so the round trip leaves them out.
    Enrolment.objects.filter(dossier=dossier).delete()
    example = Example.objects.filter(dossier=dossier).first() or Example.objects.create(
        dossier=dossier, title="Le benchmark", situation="s", task="t"
    )
    highlight = Highlight.objects.create(
        dossier=dossier, kind="success", title="Newsletter relancée", description="d"
    )
    highlight.examples.add(example)
    ProgressAxis.objects.create(dossier=dossier, text="Prendre la parole en réunion")
    AccessLog.objects.create(
        dossier=dossier,
        actor=None,
        actor_label="Référente <ref@ecole.example>",
        role="referent",
        what="overview",
    )
    from decimal import Decimal

    from bilan.evidence.models import Proof, Trace
    from bilan.rehearsal.models import Note, Plan
    from bilan.schools.models_attestation import Attestation

    trace = Trace.objects.filter(dossier=dossier).exclude(file="").first()
    Proof.objects.create(dossier=dossier, trace=trace, highlight=highlight, excerpt="« merci »")
    Proof.objects.create(dossier=dossier, trace=trace, example=example)
    Plan.objects.create(dossier=dossier, length_minutes=12, seconds={"introduction": 90})
    Note.objects.create(dossier=dossier, text="Ralentir", planned_seconds=600, elapsed_seconds=700)
    Attestation.objects.create(
        dossier=dossier,
        host_name="Coopérative",
        intern_birth_date=datetime.date(2004, 2, 29),
        presence_hours=Decimal("735.50"),
        signed_place="Lyon",
    )
    return result.user


def read_zip(data: bytes) -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = json.loads(archive.read("export.json"))
        files = {n: archive.read(n) for n in archive.namelist() if n.startswith("files/")}
    return document, files


def storage_names(top: str = "") -> set[str]:
    """Every file in storage, recursively (through the storage API: S3 works alike)."""
    if not default_storage.exists(top or "."):
        return set()
    dirs, files = default_storage.listdir(top or ".")
    names = {f"{top}/{f}" if top else f for f in files}
    for d in dirs:
        names |= storage_names(f"{top}/{d}" if top else d)
    return names


def user_dossiers(user: User) -> list[Dossier]:
    return list(Dossier.objects.filter(owner=user).order_by("pk"))


@pytest.fixture
def small_account(db):
    """An intern with one dossier and one stored file, without the demo's extraction jobs."""
    import datetime as dt

    from django.core.files.base import ContentFile

    from bilan.dossiers import services as dossier_services
    from bilan.evidence.models import Trace

    user = User.objects.create_user(
        email="lea@example.org", password="pw-long-enough-1", first_name="Léa", last_name="Roux"
    )
    dossier = dossier_services.dossier_create(
        owner=user,
        organisation="Atelier Mécanique du Lac",
        kind="stage",
        start_date=dt.date(2024, 1, 8),
        end_date=dt.date(2024, 3, 29),
        mission_text="- Refaire le site\n- Animer un atelier",
    )
    trace = Trace(dossier=dossier, source="upload", title="Rapport", filename="rapport.pdf")
    trace.file.save("rapport.pdf", ContentFile(b"%PDF-1.4 rapport de stage\n" * 50), save=False)
    trace.size = trace.file.size
    trace.save()
    return user
