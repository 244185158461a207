"""Helper process behind ``extract_file_isolated``: ``python -m bilan.evidence.extraction.worker``.

It imports the extractors once, then for each job read on stdin forks a child that caps its
own address space, extracts, and writes the pickled result to a pipe. The helper kills the
child past ``max_seconds`` and answers on its original stdout. Forking from this clean,
preloaded process keeps the per-file cost to a fork; multiprocessing's spawn and forkserver
would re-import the caller's main module in every child.

Frames on both pipes: 8-byte big-endian length, then a pickle. Only Bilan's own processes
write them, so unpickling is not a trust boundary.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import resource
import select
import signal
import sys
import time
from typing import IO

from .core import extract_bytes, extract_path
from .framing import Job, Reply, read_frame, write_frame
from .limits import Limits
from .result import Extracted

with contextlib.suppress(ImportError):
    import extract_msg  # noqa: F401 - preloaded so MSG files do not pay the import per file


def limit_memory(max_bytes: int) -> None:
    """Cap the address space: a ballooning parser gets MemoryError instead of the host's OOM."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def extract_job(job: Job, limits: Limits, lang: str) -> Extracted:
    kind, source, filename = job
    try:
        if kind == "path":
            return extract_path(str(source), limits=limits, lang=lang)
        data = source if isinstance(source, bytes) else b""
        return extract_bytes(data, filename, limits=limits, lang=lang)
    except MemoryError:
        # Dropping the partial result frees enough to say why.
        return Extracted(
            type="unknown",
            filename=filename,
            error_code="out_of_memory",
            error_params={"limit_bytes": limits.max_memory_bytes},
        )


def run_one(job: Job, limits: Limits, lang: str) -> Reply:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never returns
        os.close(read_fd)
        code = 0
        try:
            limit_memory(limits.max_memory_bytes)
            payload = pickle.dumps(extract_job(job, limits, lang))
            with os.fdopen(write_fd, "wb") as out:
                out.write(payload)
        except BaseException:
            code = 1
        os._exit(code)
    os.close(write_fd)
    chunks: list[bytes] = []
    end = time.monotonic() + limits.max_seconds
    timed_out = False
    try:
        while True:
            remaining = end - time.monotonic()
            ready, _, _ = select.select([read_fd], [], [], max(remaining, 0))
            if not ready:
                timed_out = True
                break
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        if timed_out:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if timed_out:
        return ("timeout", None)
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or not chunks:
        return ("crashed", code)
    return ("ok", b"".join(chunks))


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    while True:
        frame = read_frame(requests)
        if frame is None:
            return
        job, limits, lang = pickle.loads(frame)  # noqa: S301 - written by our parent only
        write_frame(replies, pickle.dumps(run_one(job, limits, lang)))


def main() -> None:
    # Repaired defects in hostile PDFs are expected here, not worth a line on stderr each.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    # Replies get a private copy of stdout; anything a library prints goes to stderr instead.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin.buffer, replies)


if __name__ == "__main__":
    main()
