"""Load bench: N simulated interns against a production-like Bilan (gunicorn + the worker).

Run from the repository root:

    .venv/bin/python bench/load.py --clients 8 --seconds 20
    .venv/bin/python bench/load.py --clients 50 --database postgres   # DATABASE_URL or
        # postgres://postgres@127.0.0.1:5432/hardening_load, dropped and created afresh

It starts gunicorn (--workers, sync) and `bilan worker` on a free loopback port with a fresh
database (a SQLite file in a temporary directory, or the PostgreSQL database above), creates one
account and one dossier per client, then:
1. a baseline: every client asks `/health/` (one SELECT 1) for --baseline seconds;
2. the load: every client browses its dossier's pages, writes (journal entries, objectives)
   and uploads small traces, with a think time of 0, for --seconds.
It prints requests/s and p50/p95/p99 per page kind, the errors, the dossier pages' throughput
as a share of /health/'s (same run, same machine: the ratio compares across machines), and
checks that every write the server acknowledged (a redirect) is in the database.
The clients are threads of this process: on a small machine they share the CPUs with the
server, so the absolute figures are lower bounds.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "charge-de-test-2026"  # noqa: S105 — accounts of a throw-away database
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/hardening_load"

# What a client does, with weights: mostly reading its dossier, sometimes writing.
PAGES = {
    "home": "/dossiers/{d}/",
    "objectives": "/dossiers/{d}/objectives/",
    "journal": "/dossiers/{d}/journal/",
    "plan": "/dossiers/{d}/plan/",
    "skills": "/dossiers/{d}/skills/",
    "traces": "/dossiers/{d}/traces/",
    "synthesis": "/dossiers/{d}/synthesis/",
    "meeting": "/dossiers/{d}/meeting/",
    "list": "/dossiers/",
}
WEIGHTS = {**dict.fromkeys(PAGES, 8), "journal_add": 5, "objective_add": 3, "upload": 2}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--baseline", type=float, default=5.0, help="seconds of /health/")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


def environment(args: argparse.Namespace, workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BILAN_")}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="bilan.settings",
        BILAN_DATA_DIR=str(workdir),
        BILAN_STATIC_ROOT=str(workdir / "static"),
        BILAN_LOG_LEVEL="WARNING",
        BILAN_SECRET_KEY=uuid.uuid4().hex * 2,
        # The clients log in once each; the limit is for attackers, not for this bench.
        BILAN_LOGIN_RATE_LIMIT_IP="100000",
    )
    if args.database == "postgres":
        env["DATABASE_URL"] = os.environ.get("DATABASE_URL") or PG_DEFAULT
    return env


def postgres_recreate(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')


def seed(clients: int) -> list[tuple[str, int]]:
    """One account and one dossier per client, with objectives and journal entries."""
    import datetime as dt

    from django.core.management import call_command

    from bilan.accounts.models import User
    from bilan.dossiers import services as dossiers

    call_command("migrate", verbosity=0)
    accounts = []
    for i in range(clients):
        user = User.objects.create_user(
            email=f"stagiaire{i}@example.org", password=PASSWORD, first_name=f"Stagiaire {i}"
        )
        dossier = dossiers.dossier_create(
            owner=user,
            organisation=f"Entreprise {i}",
            service="Communication",
            location="Lyon",
            kind="stage",
            start_date=dt.date(2026, 4, 6),
            end_date=dt.date(2026, 8, 28),
            mission_text="\n".join(
                f"- Mission {k} : animer, rédiger, mesurer ({i})" for k in range(8)
            ),
        )
        dossiers.objectives_import(
            dossier=dossier, titles=dossiers.objectives_propose(dossier=dossier)
        )
        for day in range(20):
            dossiers.journal_entry_create(
                dossier=dossier,
                date=dt.date(2026, 4, 7) + dt.timedelta(days=day * 3),
                text=f"Journée {day} : réunion d'équipe, rédaction d'un article, retours.",
                tags="réunion",
            )
        accounts.append((user.email, dossier.pk))
    return accounts


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Client:
    """One intern: a cookie jar and the record of what the server acknowledged."""

    def __init__(self, base: str, email: str, dossier: int, seed: int) -> None:
        self.base, self.email, self.dossier = base, email, dossier
        self.random = random.Random(seed)
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.written: dict[str, list[str]] = defaultdict(list)

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def request(self, path: str, data: bytes | None = None, headers: dict | None = None) -> int:
        url = self.base + path  # always http://127.0.0.1:<port>/...
        request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=60) as response:
                response.read()
                return int(response.status)
        except urllib.error.HTTPError as error:
            error.read()
            return int(error.code)

    def post(self, path: str, fields: dict[str, str]) -> int:
        fields = {**fields, "csrfmiddlewaretoken": self.csrf()}
        return self.request(path, urllib.parse.urlencode(fields).encode())

    def login(self) -> None:
        self.request("/accounts/login/")
        status = self.post("/accounts/login/", {"username": self.email, "password": PASSWORD})
        assert status == 302, f"login of {self.email}: HTTP {status}"

    def act(self, kind: str) -> bool:
        d = self.dossier
        if kind == "health":
            return self.request("/health/") == 200
        if kind in PAGES:
            return self.request(PAGES[kind].format(d=d)) == 200
        token = uuid.uuid4().hex
        if kind == "journal_add":
            fields = {"date": "2026-05-12", "text": f"Note de charge {token}", "tags": "charge"}
            ok = self.post(f"/dossiers/{d}/journal/", fields) == 302
        elif kind == "objective_add":
            ok = self.post(f"/dossiers/{d}/objectives/add/", {"title": f"Objectif {token}"}) == 302
        else:  # upload
            body, boundary = multipart(
                {"kind": "other", "csrfmiddlewaretoken": self.csrf()},
                ("files", f"trace-{token}.txt", f"Compte rendu {token}\n".encode()),
            )
            headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
            ok = self.request(f"/dossiers/{d}/traces/upload/", body, headers) == 302
        if ok:
            self.written[kind].append(token)
        return ok


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None  # a redirect is the answer we measure, not a second request


def multipart(fields: dict[str, str], file: tuple[str, str, bytes]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    name, filename, content = file
    parts.append(
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: text/plain\r\n\r\n'
        ).encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), boundary


def drive(clients: list[Client], seconds: float, choose) -> dict[str, list]:  # type: ignore[no-untyped-def]
    """Every client acts in a loop until the time is up; returns (latency, ok) per kind."""
    results: dict[str, list] = defaultdict(list)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def loop(client: Client) -> None:
        mine: dict[str, list] = defaultdict(list)
        while time.monotonic() < deadline:
            kind = choose(client)
            start = time.perf_counter()
            try:
                ok = client.act(kind)
            except OSError:
                ok = False
            mine[kind].append((time.perf_counter() - start, ok))
        with lock:
            for kind, rows in mine.items():
                results[kind].extend(rows)

    threads = [threading.Thread(target=loop, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def report(title: str, results: dict[str, list], seconds: float) -> float:
    print(f"\n{title}")
    columns = ["requests", "req/s", "p50 ms", "p95 ms", "p99 ms"]
    print(f"{'kind':<15}" + "".join(f"{c:>9}" for c in columns) + f"{'errors':>8}")
    total = 0
    for kind in sorted(results, key=lambda k: -len(results[k])):
        rows = results[kind]
        latencies = sorted(latency * 1000 for latency, _ in rows)
        errors = sum(1 for _, ok in rows if not ok)
        cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
        total += len(rows)
        print(
            f"{kind:<15}{len(rows):>9}{len(rows) / seconds:>9.1f}{cuts[49]:>9.1f}"
            f"{cuts[94]:>9.1f}{cuts[98]:>9.1f}{errors:>8}"
        )
    print(f"{'all':<15}{total:>9}{total / seconds:>9.1f}")
    return total / seconds


def verify(clients: list[Client]) -> tuple[int, int]:
    """Every acknowledged write is in the database: (found, missing)."""
    from django.db import connection

    from bilan.dossiers.models import JournalEntry, Objective
    from bilan.evidence.models import Trace

    connection.close()
    found = missing = 0
    for client in clients:
        d = client.dossier
        checks = [
            (JournalEntry.objects.filter(dossier_id=d), "text__endswith", "journal_add", "{}"),
            (Objective.objects.filter(dossier_id=d), "title", "objective_add", "Objectif {}"),
            (Trace.objects.filter(dossier_id=d), "filename", "upload", "trace-{}.txt"),
        ]
        for queryset, field, kind, pattern in checks:
            for token in client.written[kind]:
                if queryset.filter(**{field: pattern.format(token)}).exists():
                    found += 1
                else:
                    missing += 1
    return found, missing


def main() -> int:
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bilan-load-"))
    env = environment(args, workdir)
    (workdir / "static").mkdir()
    os.environ.update(env)
    if args.database == "postgres":
        postgres_recreate(env["DATABASE_URL"])
    import django

    django.setup()
    from django.db import connection

    started = time.perf_counter()
    accounts = seed(args.clients)
    connection.close()
    print(
        f"{args.clients} clients, {args.database} ({connection.vendor}), gunicorn "
        f"{args.workers} workers; seeded in {time.perf_counter() - started:.1f} s"
    )

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    python = sys.executable
    server = subprocess.Popen(
        [python, "-m", "gunicorn", "bilan.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--timeout", "120", "--log-level", "warning"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    worker = subprocess.Popen(
        [python, "-m", "bilan", "worker", "--poll", "0.2"], env=env, cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/health/", timeout=2).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        clients = [
            Client(base, email, dossier, args.seed * 1000 + i)
            for i, (email, dossier) in enumerate(accounts)
        ]
        for client in clients:
            client.login()
        drive(clients, 2.0, lambda c: c.random.choice(list(PAGES)))  # warm-up, not measured

        health = drive(clients, args.baseline, lambda c: "health")
        health_rate = report(f"Baseline: /health/ for {args.baseline:.0f} s", health, args.baseline)
        kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
        load = drive(clients, args.seconds, lambda c: c.random.choices(kinds, weights)[0])
        report(f"Load: browse, write, upload for {args.seconds:.0f} s", load, args.seconds)
        pages = sum(len(load[k]) for k in PAGES) / args.seconds
        print(
            f"\nDossier pages: {pages:.1f} req/s = {pages / health_rate:.2f} x /health/ "
            f"({health_rate:.1f} req/s)"
        )
        found, missing = verify(clients)
        errors = sum(1 for rows in load.values() for _, ok in rows if not ok)
        print(f"Writes acknowledged and found in the database: {found}; missing: {missing}")
        print(f"Errors: {errors}")
        return 1 if missing or errors else 0
    finally:
        # The worker finishes the job in hand on SIGTERM (extractions, coach refreshes queued
        # by the writes): a bounded wait, then it is killed, never left behind.
        for process in (server, worker):
            process.terminate()
        for process in (server, worker):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
