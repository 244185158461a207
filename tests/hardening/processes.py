"""Real processes for the fault tests: a Bilan on a SQLite file of its own, its worker, gunicorn."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PYTHON = sys.executable


def bilan_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a fresh deployment: settings from nothing but these variables."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("BILAN_") and k != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bilan.settings",
        BILAN_DATA_DIR=str(data_dir),
        BILAN_FAST_PASSWORD_HASHER="1",
        BILAN_LOG_LEVEL="WARNING",
        **extra,
    )
    return env


def migrated_copy(template: Path, data_dir: Path) -> Path:
    """A database ready to use: copied from one migrated once per session (migrating is slow)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(template, data_dir / "bilan.sqlite3")
    return data_dir


def migrate(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [PYTHON, "-m", "bilan", "migrate", "-v0"], env=bilan_env(data_dir), check=True, timeout=300
    )
    return data_dir / "bilan.sqlite3"


def django_run(data_dir: Path, code: str) -> str:
    """Runs `code` with Django set up on that deployment; returns what it printed."""
    result = subprocess.run(
        [PYTHON, "-c", "import django; django.setup()\n" + code],
        env=bilan_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def query(data_dir: Path, sql: str, *params: object) -> list[tuple]:
    """Reads the deployment's database directly, as an operator would."""
    with sqlite3.connect(data_dir / "bilan.sqlite3", timeout=20) as db:
        return db.execute(sql, params).fetchall()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(predicate, *, timeout: float = 60, step: float = 0.02, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(step)
    raise AssertionError(f"Timed out waiting for {what or predicate}")


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except OSError:
        return 0
