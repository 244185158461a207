"""Account export and import benchmark: ``python bench/privacy.py`` from the repository root.

Loads the demo dossier into a throw-away SQLite database and grows it to a heavy account:
2,000 journal entries, 300 traces with a 64 KB file each (about 19 MB of files). Then:

- the export (``account_export``: every record as JSON, every file streamed into the ZIP with
  its checksum) against a baseline in the same process: the same files read from storage and
  written into a ZIP with no records at all;
- the import of that ZIP into a new account (one transaction, files checked and stored), and
  its query count per record.

Target: export / baseline <= 3 (the records cost less than twice the files' own copy).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BILAN_DATA_DIR", tempfile.mkdtemp(prefix="bilan-bench-"))
os.environ.setdefault("BILAN_MEDIA_ROOT", tempfile.mkdtemp(prefix="bilan-bench-media-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bilan.settings")
os.environ.setdefault("BILAN_LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bilan.demo.services import demo_load  # noqa: E402
from bilan.dossiers.models import JournalEntry  # noqa: E402
from bilan.evidence.models import Trace  # noqa: E402
from bilan.privacy.services import account_export, account_import  # noqa: E402

JOURNAL = 2_000
TRACES = 300
FILE_BYTES = 64 * 1024
TARGET_RATIO = 3.0


def main() -> int:
    call_command("migrate", verbosity=0)
    result = demo_load()
    dossier = result.dossier
    start = dossier.start_date
    JournalEntry.objects.bulk_create(
        JournalEntry(
            dossier=dossier,
            date=start + dt.timedelta(days=i % 100),
            text=f"Entrée {i} : réunion client, relecture de la newsletter, benchmark.",
        )
        for i in range(JOURNAL)
    )
    for i in range(TRACES):
        trace = Trace(dossier=dossier, source="upload", title=f"Document {i}", filename=f"{i}.bin")
        trace.file.save(f"{i}.bin", ContentFile(os.urandom(FILE_BYTES)), save=False)
        trace.size = FILE_BYTES
        trace.save()
    names = [t.file.name for t in Trace.objects.filter(dossier=dossier).exclude(file="")]

    began = time.perf_counter()
    baseline = io.BytesIO()
    with zipfile.ZipFile(baseline, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            with default_storage.open(name, "rb") as source:
                archive.writestr(name, source.read())
    baseline_s = time.perf_counter() - began

    began = time.perf_counter()
    exported = io.BytesIO()
    account_export(user=result.user, target=exported)
    export_s = time.perf_counter() - began

    began = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        user, dossiers = account_import(
            source=io.BytesIO(exported.getvalue()), email="copy@example.org"
        )
    import_s = time.perf_counter() - began
    records = JOURNAL + TRACES + dossier.objectives.count()

    ratio = export_s / baseline_s
    size_mb = len(exported.getvalue()) / 1e6
    print(f"account: {JOURNAL} journal entries, {len(names)} files, {size_mb:.1f} MB ZIP")
    print(f"files only into a ZIP (baseline): {baseline_s:.2f} s")
    print(f"export: {export_s:.2f} s  ratio {ratio:.2f} (target <= {TARGET_RATIO})")
    print(f"import: {import_s:.2f} s, {len(queries)} queries for ~{records} records")
    assert user.email == "copy@example.org" and len(dossiers) == 1
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
