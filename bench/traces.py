"""Traces benchmark: a 1,000-message MBOX through the real importer, and search over 50,000.

Run from the repository root: ``python bench/traces.py`` (``--search`` for the search part
only). It uses a throw-away SQLite database, or DATABASE_URL if set (its own database: the
bench leaves its rows behind), and prints, for each measure, a baseline run in the same
process:
- import: the importer (extraction + database writes) vs extraction alone (iter_mailbox);
  peak memory of the importer for 100 vs 1,000 messages (it must not grow with the count);
- search: ranked full-text queries (with and without filters) over 50,000 traces in one
  dossier vs listing the same page of traces unfiltered.
"""

from __future__ import annotations

import io
import mailbox
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="bilan-bench-"))
RUN = WORKDIR.name.rsplit("-", 1)[-1]
os.environ.setdefault("BILAN_DATA_DIR", str(WORKDIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bilan.settings")
os.environ.setdefault("BILAN_LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

import datetime as dt  # noqa: E402

import docx  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402

from bilan.accounts.models import User  # noqa: E402
from bilan.dossiers import services as dossiers  # noqa: E402
from bilan.evidence import services as evidence  # noqa: E402
from bilan.evidence.extraction import iter_mailbox  # noqa: E402
from bilan.evidence.models import Trace  # noqa: E402
from bilan.evidence.search import index_store, index_text  # noqa: E402

WORDS = (
    "réunion client livrable planning budget maquette newsletter développement analyse "
    "tableau rapport chantier devis patient soins formation équipe présentation stock "
    "commande facture audit juridique contrat campagne réseaux statistiques prototype"
).split()


def small_docx(number: int) -> bytes:
    document = docx.Document()
    document.add_paragraph(f"Livrable {number} : rapport d'avancement, semaine {number % 20}.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_mbox(path: Path, count: int) -> Path:
    template = small_docx(0)
    box = mailbox.mbox(str(path), create=True)
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    for number in range(count):
        message = EmailMessage()
        message["From"] = f"Collègue {number % 17} <c{number % 17}@example.org>"
        message["To"] = "stagiaire@example.org"
        message["Subject"] = f"Point d'étape n°{number}"
        message["Date"] = format_datetime(start + dt.timedelta(hours=number))
        message["Message-ID"] = f"<bench-{number}@example.org>"
        message.set_content(
            f"Bonjour,\n\nVoici le compte rendu {number} : "
            + " ".join(random.choice(WORDS) for _ in range(60))
        )
        # Every third message carries an attachment, each one different (no deduplication).
        if number % 3 == 0:
            attachment = template + f"<!-- {number} -->".encode()
            message.add_attachment(
                attachment,
                maintype="text" if number % 2 else "application",
                subtype="plain" if number % 2 else "octet-stream",
                filename=f"livrable-{number}.txt" if number % 2 else f"note-{number}.bin",
            )
        box.add(mailbox.mboxMessage(message.as_bytes()))
    box.close()
    return path


def fresh_dossier(name: str):
    user = User.objects.create_user(email=f"{name}-{RUN}@bench.local", password=None)
    return dossiers.dossier_create(
        owner=user,
        organisation=name,
        start_date=dt.date(2026, 3, 2),
        end_date=dt.date(2026, 8, 28),
    )


def bench_import(count: int) -> tuple[float, float, float]:
    path = build_mbox(WORKDIR / f"bench-{count}.mbox", count)
    started = time.perf_counter()
    for _ in iter_mailbox(path, extract_attachments=False):
        pass
    extraction_only = time.perf_counter() - started

    dossier = fresh_dossier(f"import{count}")
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    job = evidence.traces_upload(dossier=dossier, files=[upload]).imports[0]
    tracemalloc.start()
    started = time.perf_counter()
    job = evidence.mailbox_import_run(import_id=job.pk)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert job.created == count, (job.created, count)
    return elapsed, extraction_only, peak / 1024 / 1024


def bench_search(total: int = 50_000, others: int = 5_000) -> float:
    """Search one dossier holding `total` traces (another holds `others`); returns the worst."""
    dossier = fresh_dossier("search")
    neighbour = fresh_dossier("neighbour")
    rng = random.Random(7)
    kinds = [Trace.Kind.DOCUMENT, Trace.Kind.EMAIL, Trace.Kind.MINUTES]
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    started = time.perf_counter()
    for owner, count in ((dossier, total), (neighbour, others)):
        for first in range(0, count, 1_000):
            batch = []
            for number in range(first, min(count, first + 1_000)):
                text = " ".join(rng.choice(WORDS) for _ in range(150))
                title = f"Document {number} {rng.choice(WORDS)}"
                batch.append(
                    Trace(
                        dossier=owner,
                        source=Trace.Source.NOTE,
                        kind=kinds[number % 3],
                        date=start + dt.timedelta(hours=number % 4_000),
                        title=title,
                        note=text,
                        text=text,
                        search_text=index_text(title, text),
                    )
                )
            # Bulk insert, then the same index write the services make after a save.
            index_store(traces=Trace.objects.bulk_create(batch, batch_size=500))
    built = time.perf_counter() - started
    if django.db.connection.vendor == "postgresql":
        with django.db.connection.cursor() as cursor:
            cursor.execute("ANALYZE evidence_trace")

    def timed(run) -> list[float]:
        samples = []
        for _ in range(7):
            started = time.perf_counter()
            run()
            samples.append(time.perf_counter() - started)
        return samples

    def page(queryset) -> int:
        # What the list view does: the first page, plus one to know there is more.
        return len(list(queryset.prefetch_related("objectives", "skills__skill")[:51]))

    baseline = statistics.median(timed(lambda: page(evidence.traces_search(dossier=dossier))))
    june = {"date_from": dt.date(2026, 6, 1), "date_to": dt.date(2026, 6, 30)}
    cases: list[tuple[str, dict[str, Any]]] = [
        ("développé", {}),
        ("réunions client", {}),
        ("factures juridiques audit", {}),
        ("rapp", {}),
        ("stock commande équipe présentation patient soins", {}),
        ("document", {}),
        ("introuvable", {}),
        ("devis", {"kind": Trace.Kind.EMAIL}),
        ("maquette budget", june),
    ]
    rows = []
    for query, filters in cases:
        samples = timed(
            lambda q=query, f=filters: page(evidence.traces_search(dossier=dossier, query=q, **f))
        )
        count = evidence.traces_search(dossier=dossier, query=query, **filters).count()
        label = query + (f" + {', '.join(filters)}" if filters else "")
        rows.append((label, statistics.median(samples), max(samples), count))
    print(
        f"search over {total:,} traces in one dossier ({others:,} in another; built and "
        f"indexed in {built:.0f} s), first page of 50, median and max of 7:"
    )
    print(f"  baseline: unfiltered page                       {baseline * 1000:7.1f} ms")
    for label, median, worst, count in rows:
        print(
            f"  {label!r:48} {median * 1000:7.1f} ms  max {worst * 1000:6.1f}  "
            f"ratio {median / baseline:5.1f}  ({count:,} results)"
        )
    worst_median = max(median for _, median, _, _ in rows)
    print(f"  worst query (median): {worst_median * 1000:.1f} ms (target < 200 ms)")
    return worst_median


def main() -> None:
    call_command("migrate", verbosity=0)
    print(f"database: {django.db.connection.vendor}, work dir {WORKDIR}")
    if "--search" in sys.argv[1:]:
        bench_search()
        return
    small = bench_import(100)
    large = bench_import(1_000)
    print("mailbox import through the importer (extraction + isolated attachments + rows):")
    for label, (elapsed, extraction, peak) in (("100", small), ("1000", large)):
        print(
            f"  {label:>5} messages: {elapsed:6.2f} s  (extraction alone {extraction:5.2f} s, "
            f"ratio {elapsed / extraction:4.1f})  peak traced memory {peak:6.2f} MiB"
        )
    print(f"  peak memory ratio 1000/100: {large[2] / small[2]:.2f} (flat = not growing)")
    print(f"  1,000 messages: {large[0]:.1f} s (target < 30 s)")
    bench_search()


if __name__ == "__main__":
    main()
