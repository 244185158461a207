"""Cohort dashboard benchmark: 5,000 interns in one cohort, the page and the exports.

Run from the repository root: ``python bench/dashboard.py`` (``--interns N``, ``--runs N``).
It works in a database of its own, created for the run and dropped at the end: a SQLite file
in a temporary directory, or, with DATABASE_URL set, a fresh database on that server (named
after DATABASE_URL's, with a ``_bench_<random>`` suffix). Each measure is a full request through
Django's test client (middleware, access check, queries, template or file), median of several
runs, printed with its ratio to a baseline measured in the same process: the /health/ page
(same client, same middleware) and a bare query (the cohort's enrolment count).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="bilan-bench-dashboard-"))
RUN = WORKDIR.name.rsplit("-", 1)[-1].lower()
os.environ.setdefault("BILAN_DATA_DIR", str(WORKDIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bilan.settings")
os.environ.setdefault("BILAN_LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

import datetime as dt  # noqa: E402

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from bilan.accounts.models import User  # noqa: E402
from bilan.dossiers.models import Dossier  # noqa: E402
from bilan.schools.models import (  # noqa: E402
    Cohort,
    DossierStatus,
    Enrolment,
    Organisation,
    Programme,
)

COMPANIES = [
    "Coopérative Terres du Rhône",
    "Mairie de Lyon",
    "Vignobles Durand",
    "Clinique Saint-Jean",
    "Agence Pixel & Co",
    "Banque Populaire Rhône",
    "Théâtre des Célestins",
    "Studio Lumière",
]
FIRST = "Camille Hugo Inès Léa Noé Zoé Élodie Mathis Chloé Louis Jade Adam Lina Gabriel".split()
LAST = "Moreau Martin Bernard Dubois Lefèvre Girard Roux Fournier Durand Faure Mercier".split()
NOW = dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.UTC)


def database_own() -> Callable[[], None]:
    """Switch the default connection to a database made for this run; returns the cleanup."""
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(WORKDIR / "bench.sqlite3")
    else:
        test_settings["NAME"] = f"{connection.settings_dict['NAME']}_bench_{RUN}"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)

    def cleanup() -> None:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(WORKDIR, ignore_errors=True)

    return cleanup


def cohort_fill(cohort: Cohort, count: int, prefix: str, rng: random.Random) -> None:
    """`count` interns: nine in ten joined with a dossier and a status, the rest invited."""
    batch = 1_000
    for first in range(0, count, batch):
        numbers = range(first, min(count, first + batch))
        joined = [n for n in numbers if n % 10]
        users = User.objects.bulk_create(
            User(email=f"{prefix}{n}@bench.example.org", first_name=FIRST[n % len(FIRST)])
            for n in joined
        )
        dossiers = Dossier.objects.bulk_create(
            Dossier(
                owner=user,
                organisation=rng.choice(COMPANIES),
                start_date=dt.date(2026, 4, 6),
                end_date=dt.date(2026, 8, 28),
            )
            for user in users
        )
        DossierStatus.objects.bulk_create(
            DossierStatus(
                dossier=dossier,
                readiness=rng.randint(0, 100),
                objectives_total=5,
                objectives_reviewed=rng.randint(0, 5),
                feedback_requested=(requested := rng.randint(0, 5)),
                feedback_answered=rng.randint(0, requested),
                tutor_evaluation_received=rng.random() < 0.4,
                meeting_at=NOW + dt.timedelta(days=rng.randint(1, 60))
                if rng.random() < 0.5
                else None,
                last_activity_at=NOW - dt.timedelta(minutes=rng.randint(0, 60 * 24 * 90))
                if rng.random() < 0.95
                else None,
            )
            for dossier in dossiers
        )
        by_number = dict(zip(joined, zip(users, dossiers, strict=True), strict=True))
        Enrolment.objects.bulk_create(
            Enrolment(
                cohort=cohort,
                email=f"{prefix}{n}@bench.example.org",
                first_name=FIRST[n % len(FIRST)],
                last_name=f"{LAST[n % len(LAST)]}{n:05d}",
                user=by_number[n][0] if n in by_number else None,
                dossier=by_number[n][1] if n in by_number else None,
                invited_at=NOW - dt.timedelta(days=40),
                joined_at=NOW - dt.timedelta(days=30) if n in by_number else None,
                submitted_at=NOW if n in by_number and rng.random() < 0.3 else None,
            )
            for n in numbers
        )


def timed(run: Callable[[], object], runs: int) -> list[float]:
    run()  # warm-up: templates, translations, the database's caches
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interns", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    cleanup = database_own()
    try:
        run(args.interns, args.runs)
    finally:
        cleanup()


def run(interns: int, runs: int) -> None:
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    rng = random.Random(7)
    organisation = Organisation.objects.create(name="IUT bench")
    programme = Programme.objects.create(organisation=organisation, name="BUT Info-Com")
    cohort = Cohort.objects.create(programme=programme, name="Promotion bench", join_code="BENCH1")
    neighbour = Cohort.objects.create(programme=programme, name="Voisine", join_code="BENCH2")
    referent = User.objects.create_user(email="referent@bench.example.org", password=None)
    cohort.referents.add(referent)
    started = time.perf_counter()
    cohort_fill(cohort, interns, "i", rng)
    cohort_fill(neighbour, interns // 2, "n", rng)
    built = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    client = Client()
    client.force_login(referent)
    page_url = reverse("cohorts:dashboard", args=[cohort.pk])

    def get(path: str) -> Callable[[], object]:
        def fetch() -> object:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            if response.streaming:
                return b"".join(response.streaming_content)  # type: ignore[attr-defined]
            return response.content

        return fetch

    def bare() -> object:
        return Enrolment.objects.filter(cohort=cohort).count()

    health = statistics.median(timed(get(reverse("health")), runs))
    bare_query = statistics.median(timed(bare, runs))
    cases = [
        ("first page (default sort: name)", page_url),
        (
            "sorted + filtered (readiness < 60, no tutor evaluation, by -activity, page 3)",
            page_url + "?readiness_below=60&missing_tutor_evaluation=on&sort=-activity&page=3",
        ),
        ("search 'lyon' sorted by readiness", page_url + "?q=lyon&sort=readiness"),
        ("CSV export, whole cohort", reverse("cohorts:export_csv", args=[cohort.pk])),
        ("XLSX export, whole cohort", reverse("cohorts:export_xlsx", args=[cohort.pk])),
    ]
    print(
        f"{interns:,} interns in the cohort ({interns // 2:,} in another one), built in "
        f"{built:.1f} s; median of {runs} runs after a warm-up:"
    )
    print(f"  baseline: /health/ page               {health * 1000:8.1f} ms")
    print(f"  baseline: bare count query            {bare_query * 1000:8.1f} ms")
    for label, path in cases:
        samples = timed(get(path), runs)
        median = statistics.median(samples)
        with CaptureQueriesContext(connection) as queries:
            size = len(get(path)())  # type: ignore[arg-type]
        print(
            f"  {label}\n      {median * 1000:8.1f} ms  (min {min(samples) * 1000:.1f}, "
            f"max {max(samples) * 1000:.1f})  ratio /health/ {median / health:6.1f}  "
            f"ratio bare query {median / bare_query:7.1f}  {len(queries)} queries, "
            f"{size / 1024:,.0f} KiB"
        )
    print("  target: a page in < 300 ms")


if __name__ == "__main__":
    main()
