"""Length-prefixed pickle frames between ``isolated`` and its helper ``worker``.

Kept apart from ``worker`` so importing the package never imports the helper's main module.
"""

from __future__ import annotations

from typing import IO, Any

# (kind, source, filename): ("path", "/abs/path", name) or ("bytes", data, name)
Job = tuple[str, str | bytes, str | None]
# (status, payload): ("ok", pickled Extracted) | ("timeout", None) | ("crashed", exit code)
Reply = tuple[str, Any]


def write_frame(stream: IO[bytes], payload: bytes) -> None:
    stream.write(len(payload).to_bytes(8, "big") + payload)
    stream.flush()


def read_frame(stream: IO[bytes]) -> bytes | None:
    header = stream.read(8)
    if len(header) < 8:
        return None
    size = int.from_bytes(header, "big")
    payload = stream.read(size)
    return payload if len(payload) == size else None
