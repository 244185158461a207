"""Real processes for the fault tests: a Bilan on a SQLite file of its own, its worker, gunicorn."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

PYTHON = sys.executable


def bilan_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a fresh deployment: settings from nothing but these variables."""
    skipped = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if not k.startswith("BILAN_") and k not in skipped}
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


def migrate(data_dir: Path, **extra: str) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    env = bilan_env(data_dir, **extra)
    subprocess.run([PYTHON, "-m", "bilan", "migrate", "-v0"], env=env, check=True, timeout=600)
    return data_dir / "bilan.sqlite3"


def django_run(data_dir: Path, code: str, **extra: str) -> str:
    """Runs `code` with Django set up on that deployment; returns what it printed."""
    result = subprocess.run(
        [PYTHON, "-c", "import django; django.setup()\n" + code],
        env=bilan_env(data_dir, **extra),
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


class Proxy:
    """A TCP relay to the database that the test can cut (the network, or the server, gone).

    Cut, it drops every open connection and closes new ones at once, as a database that
    restarts or a firewall that resets would; restored, it relays again.
    """

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.up = True
        self.open: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cut(self) -> None:
        self.up = False
        with self.lock:
            for sock in self.open:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self.open.clear()

    def restore(self) -> None:
        self.up = True

    def close(self) -> None:
        self.cut()
        self.listener.close()
