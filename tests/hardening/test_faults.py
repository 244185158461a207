"""Faults, with real processes: a worker killed mid-job, the database gone from under the app.

Each test runs a deployment of its own (a SQLite file in a temporary directory, copied from one
migrated once), whatever database the rest of the suite uses.
"""

from __future__ import annotations

import http.cookiejar
import os
import signal
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.extraction.extraction_samples import make_email, write_mbox

from .processes import (
    PYTHON,
    Proxy,
    bilan_env,
    django_run,
    free_port,
    http_status,
    migrate,
    migrated_copy,
    query,
    wait_until,
)

MESSAGES = 400

SETUP = """
import datetime as dt
from bilan.accounts.models import User
from bilan.dossiers.services import dossier_create
user = User.objects.create_user(email="lea@example.org", password="une-phrase-de-passe-longue")
dossier = dossier_create(
    owner=user, organisation="Atelier Lumière", service="", location="Lyon", kind="stage",
    start_date=dt.date(2026, 4, 6), end_date=dt.date(2026, 8, 28), mission_text="- Animer",
)
print(dossier.pk)
"""

# The job under test; a worker also queues its own daily jobs (the retention purge).
IMPORT = "evidence.import_mailbox"


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    return migrate(tmp_path_factory.mktemp("migrated"))


@pytest.fixture
def deployment(migrated, tmp_path) -> tuple[Path, int]:
    data_dir = migrated_copy(migrated, tmp_path / "data")
    return data_dir, int(django_run(data_dir, SETUP))


def imported(data_dir: Path) -> int:
    return query(data_dir, "SELECT count(*) FROM evidence_trace WHERE source = 'mailbox'")[0][0]


def test_a_worker_killed_mid_import_is_resumed_without_duplicates(deployment, tmp_path):
    data_dir, dossier_id = deployment
    box = write_mbox(
        tmp_path / "boite.mbox",
        [
            make_email(subject=f"Point d'étape {i}", message_id=f"<etape-{i}@example.org>")
            for i in range(MESSAGES)
        ],
    )
    env = bilan_env(data_dir)
    subprocess.run(
        [PYTHON, "-m", "bilan", "traces", "import", str(dossier_id), str(box), "--no-wait"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert query(data_dir, "SELECT status, attempts FROM jobs_job") == [("queued", 0)]

    worker = subprocess.Popen(
        [PYTHON, "-m", "bilan", "worker", "--poll", "0.05"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: imported(data_dir) >= 10, what="the import to start")
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    done_before = imported(data_dir)
    assert 0 < done_before < MESSAGES, "killed mid-import"
    # The job stays claimed by a process that no longer exists.
    [(status, locked_by, attempts)] = query(
        data_dir,
        f"SELECT status, locked_by, attempts FROM jobs_job WHERE kind = '{IMPORT}'",  # noqa: S608
    )
    assert (status, attempts) == ("running", 1)
    assert locked_by.endswith(f":{worker.pid}")

    # A new worker on this machine requeues it at once (not after STALE_AFTER) and finishes it.
    restarted = subprocess.run(
        [PYTHON, "-m", "bilan", "worker", "--once"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert restarted.returncode == 0, restarted.stderr
    assert query(
        data_dir,
        f"SELECT status, attempts, locked_by FROM jobs_job WHERE kind = '{IMPORT}'",  # noqa: S608
    ) == [("done", 2, "")]
    assert imported(data_dir) == MESSAGES
    distinct = query(
        data_dir,
        "SELECT count(DISTINCT message_id) FROM evidence_trace WHERE source = 'mailbox'",
    )[0][0]
    assert distinct == MESSAGES
    [(status, created, duplicates)] = query(
        data_dir, "SELECT status, created, duplicates FROM evidence_mailboximport"
    )
    # The second run found the first run's messages already there.
    assert (status, created + duplicates) == ("done", MESSAGES)
    assert duplicates == done_before


def test_a_job_of_a_live_worker_is_left_alone(deployment):
    """The requeue is only for dead workers: a running job of a live process keeps its lock."""
    data_dir, _ = deployment
    out = django_run(
        data_dir,
        "import os\n"
        "from bilan.jobs.models import Job\n"
        "from bilan.jobs.services import jobs_release_orphaned, worker_name\n"
        "host = worker_name().rpartition(':')[0]\n"
        "Job.objects.create(kind='x', status='running', locked_by=f'{host}:{os.getppid()}')\n"
        "Job.objects.create(kind='y', status='running', locked_by=f'{host}:999999999')\n"
        "Job.objects.create(kind='z', status='running', locked_by='other-host:1')\n"
        "print(jobs_release_orphaned())\n",
    )
    assert out.strip() == "1"
    assert query(data_dir, "SELECT kind, status FROM jobs_job ORDER BY kind") == [
        ("x", "running"),
        ("y", "queued"),
        ("z", "running"),
    ]


class Browser:
    """A visitor with cookies, speaking to the server over HTTP."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=10) as response:
                return int(response.status), response.read().decode()
        except urllib.error.HTTPError as error:
            return int(error.code), error.read().decode()

    def login(self, email: str, password: str) -> None:
        self.get("/accounts/login/")
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        data = urllib.parse.urlencode(
            {"username": email, "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(  # noqa: S310 (loopback)
            self.base + "/accounts/login/", data=data, headers={"Referer": self.base + "/"}
        )
        with self.opener.open(request, timeout=10) as response:
            assert "/dossiers/" in response.url


@dataclass
class Outage:
    """The suite's database engine, behind something the test can take away and give back."""

    data_dir: Path
    dossier_id: int
    env: dict[str, str]
    cut: Callable[[], None]
    restore: Callable[[], None]


@pytest.fixture
def outage(request, tmp_path):
    """SQLite: the volume holding the file goes away (a lost mount). PostgreSQL (when the suite
    runs on it): the connections go through a relay that the test cuts."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        data_dir = migrated_copy(request.getfixturevalue("migrated"), tmp_path / "data")
        away = data_dir.with_name("data-away")
        yield Outage(
            data_dir,
            int(django_run(data_dir, SETUP)),
            {},
            lambda: os.rename(data_dir, away),
            lambda: os.rename(away, data_dir),
        )
        return
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"bilan_faults_{os.getpid()}"
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')
    proxy = Proxy(parts.hostname or "127.0.0.1", parts.port or 5432)
    netloc = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
    relayed = urllib.parse.urlunsplit(
        parts._replace(netloc=f"{netloc}127.0.0.1:{proxy.port}", path=f"/{name}")
    )
    env = {"DATABASE_URL": relayed}
    data_dir = tmp_path / "data"
    migrate(data_dir, **env)
    try:
        yield Outage(
            data_dir, int(django_run(data_dir, SETUP, **env)), env, proxy.cut, proxy.restore
        )
    finally:
        proxy.close()
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def server(outage):
    port = free_port()
    process = subprocess.Popen(
        [
            PYTHON, "-m", "gunicorn", "bilan.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", "1", "--graceful-timeout", "1",
        ],
        env=bilan_env(outage.data_dir, **outage.env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: http_status(base + "/health/") == 200, what="gunicorn")
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_database_gone_gives_a_clean_503_and_the_site_comes_back_by_itself(outage, server):
    base, process = server
    dossier_id = outage.dossier_id
    visitor = Browser(base)
    visitor.login("lea@example.org", "une-phrase-de-passe-longue")
    # Twice: on PostgreSQL the second request reuses the persistent connection (CONN_MAX_AGE).
    assert visitor.get(f"/dossiers/{dossier_id}/")[0] == 200
    assert visitor.get(f"/dossiers/{dossier_id}/")[0] == 200

    outage.cut()
    try:
        for path in (f"/dossiers/{dossier_id}/", "/dossiers/", "/health/", "/dossiers/"):
            status, body = visitor.get(path)
            assert status == 503, (path, body[:300])
            assert "momentanément indisponible" in body and "briefly unavailable" in body
            assert "Traceback" not in body and "Error" not in body
    finally:
        outage.restore()

    # Back, without restarting anything: the same session works again.
    status, body = visitor.get(f"/dossiers/{dossier_id}/")
    assert status == 200 and "Atelier Lumière" in body
    assert http_status(base + "/health/") == 200
    assert process.poll() is None, "the server never restarted"
