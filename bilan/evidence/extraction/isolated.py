"""Extraction in a throw-away child process: killed past ``max_seconds``, capped in memory.

A long-lived helper (``worker.py``) is started on first use; it forks one child per file, so
the per-file overhead is a fork and two pipe round trips (measured in bench/extraction.py).
Calls are serialised through one helper, which suits a single import worker.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import select
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import cast

from .core import render_errors
from .detect import HEAD_BYTES, detect_type
from .errors import DEFAULT_LANG
from .framing import Job, Reply, write_frame
from .limits import DEFAULT_LIMITS, Limits
from .result import Extracted

# The helper enforces max_seconds on the child; this extra wait only covers the helper's own
# start-up (imports) and a stuck helper, which is then killed and replaced.
HELPER_GRACE_SECONDS = 5.0


def extract_file_isolated(
    path: str | os.PathLike[str],
    *,
    limits: Limits = DEFAULT_LIMITS,
    lang: str = DEFAULT_LANG,
) -> Extracted:
    """Extract a file on disk in a child process; timeouts and crashes come back as ``error``."""
    path = Path(path)
    return _run(("path", str(path.resolve()), path.name), limits, lang)


def extract_bytes_isolated(
    data: bytes,
    filename: str | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    lang: str = DEFAULT_LANG,
) -> Extracted:
    """Same as ``extract_file_isolated`` for bytes in memory, such as a mail attachment."""
    return _run(("bytes", data, filename), limits, lang)


def _run(job: Job, limits: Limits, lang: str) -> Extracted:
    reply = _HELPER.call(job, limits, lang)
    status, payload = reply if reply is not None else ("crashed", None)
    if status == "ok":
        # Pickled by our own child.
        result: Extracted = pickle.loads(cast(bytes, payload))  # noqa: S301
    elif status == "timeout":
        result = _failed(job, "timeout", seconds=_seconds(limits.max_seconds))
    else:
        result = _failed(job, "worker_crashed", exitcode=payload)
    render_errors(result, lang)
    return result


class _Helper:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None

    def call(self, job: Job, limits: Limits, lang: str) -> Reply | None:
        with self._lock:
            process = self._ensure()
            assert process.stdin is not None and process.stdout is not None
            try:
                write_frame(process.stdin, pickle.dumps((job, limits, lang)))
                frame = _read_frame(
                    process.stdout.fileno(), limits.max_seconds + HELPER_GRACE_SECONDS
                )
            except OSError:
                frame = None
            if frame is None:
                self._stop()
                return None
            reply: Reply = pickle.loads(frame)  # noqa: S301 - our helper's reply
            return reply

    def _ensure(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            env = dict(os.environ)
            # The helper must import this very package, wherever the caller found it.
            root = str(Path(__file__).resolve().parents[3])
            env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
            self._process = subprocess.Popen(  # noqa: S603 - fixed argv, our interpreter
                [sys.executable, "-m", "bilan.evidence.extraction.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
            )
        return self._process

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        with contextlib.suppress(OSError):
            process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(5)
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()

    def close(self) -> None:
        with self._lock:
            self._stop()


def _read_frame(fd: int, timeout: float) -> bytes | None:
    """One length-prefixed frame from a raw fd, or None on EOF or past ``timeout``."""
    end = time.monotonic() + timeout
    buffer = bytearray()
    size: int | None = None
    while size is None or len(buffer) < size + 8:
        ready, _, _ = select.select([fd], [], [], max(end - time.monotonic(), 0))
        if not ready:
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return None
        buffer += chunk
        if size is None and len(buffer) >= 8:
            size = int.from_bytes(buffer[:8], "big")
    return bytes(buffer[8 : 8 + size])


def _failed(job: Job, code: str, **params: object) -> Extracted:
    return Extracted(type=_job_type(job), filename=job[2], error_code=code, error_params=params)


def _job_type(job: Job) -> str:
    # Cheap and parent-side, so a killed extraction still says what it was working on.
    kind, source, filename = job
    try:
        if kind == "path":
            with open(source, "rb") as stream:
                return detect_type(stream.read(HEAD_BYTES), filename)
        return detect_type(bytes(cast(bytes, source)[:HEAD_BYTES]), filename)
    except Exception:
        return "unknown"


def _seconds(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


_HELPER = _Helper()
atexit.register(_HELPER.close)


def shutdown_helper() -> None:
    """Stop the helper process (tests, or a worker about to exit); the next call restarts it."""
    _HELPER.close()
