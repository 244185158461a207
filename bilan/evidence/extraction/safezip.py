"""Zip reading that checks declared sizes before decompressing and never trusts them after.

Zip bombs and lying central directories are refused from the directory alone; a member that
inflates past what it declared is cut off by a bounded reader.
"""

from __future__ import annotations

import io
import zipfile
from typing import IO, BinaryIO

from .errors import ExtractionFailed
from .limits import Deadline, Limits

CHUNK = 64 * 1024


def open_zip(source: BinaryIO | bytes, limits: Limits, *, total_limit: int | None = None):
    """Open an archive and vet its directory; ``total_limit`` overrides the uncompressed cap."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile as exc:
        raise ExtractionFailed("corrupt") from exc
    except (OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise ExtractionFailed("corrupt") from exc
    try:
        vet_directory(archive.infolist(), limits, total_limit=total_limit)
    except ExtractionFailed:
        archive.close()
        raise
    return archive


def vet_directory(
    infos: list[zipfile.ZipInfo], limits: Limits, *, total_limit: int | None = None
) -> None:
    if len(infos) > limits.max_zip_members:
        raise ExtractionFailed("too_many_members", members=len(infos), limit=limits.max_zip_members)
    cap = limits.max_uncompressed_bytes if total_limit is None else total_limit
    total = 0
    for info in infos:
        total += info.file_size
        if total > cap:
            raise ExtractionFailed("zip_bomb", detail="uncompressed", size=total, limit_bytes=cap)
        if info.file_size > limits.ratio_floor_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_compression_ratio:
                raise ExtractionFailed(
                    "zip_bomb",
                    detail="ratio",
                    ratio=int(ratio),
                    limit=limits.max_compression_ratio,
                )


def read_member(
    archive: zipfile.ZipFile,
    name: str | zipfile.ZipInfo,
    limits: Limits,
    deadline: Deadline,
    *,
    max_bytes: int | None = None,
) -> bytes:
    """Whole member, refusing anything that inflates beyond its declared or allowed size."""
    with open_member(archive, name, limits, deadline, max_bytes=max_bytes) as reader:
        return reader.read()


def open_member(
    archive: zipfile.ZipFile,
    name: str | zipfile.ZipInfo,
    limits: Limits,
    deadline: Deadline,
    *,
    max_bytes: int | None = None,
) -> BoundedReader:
    try:
        info = name if isinstance(name, zipfile.ZipInfo) else archive.getinfo(name)
        if info.flag_bits & 0x1:
            raise ExtractionFailed("encrypted")
        raw = archive.open(info)
    except ExtractionFailed:
        raise
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise ExtractionFailed("corrupt") from exc
    cap = limits.max_uncompressed_bytes if max_bytes is None else max_bytes
    if info.file_size > cap:
        raw.close()
        raise ExtractionFailed(
            "zip_bomb", detail="uncompressed", size=info.file_size, limit_bytes=cap
        )
    return BoundedReader(raw, info.file_size, deadline)


class BoundedReader(io.RawIOBase):
    """A read-only stream that fails once more than ``limit`` bytes come out.

    zipfile already stops at the declared size; this also covers a declared size that is
    itself over our limit, and turns decompression errors into ``ExtractionFailed``.
    """

    def __init__(self, raw: IO[bytes], limit: int, deadline: Deadline) -> None:
        super().__init__()
        self._raw = raw
        self._limit = limit
        self._deadline = deadline
        self._count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        self._deadline.check()
        wanted = min(len(buffer), CHUNK)
        try:
            data = self._raw.read(wanted)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise ExtractionFailed("corrupt") from exc
        except Exception as exc:  # zlib.error and friends from a damaged stream
            raise ExtractionFailed("corrupt") from exc
        self._count += len(data)
        if self._count > self._limit:
            raise ExtractionFailed("zip_bomb", detail="member")
        buffer[: len(data)] = data
        return len(data)

    def read(self, size: int = -1) -> bytes:
        if size is not None and size >= 0:
            return super().read(size) or b""
        chunks: list[bytes] = []
        while True:
            chunk = super().read(CHUNK)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()
