"""Uploads land in temporary files (never in memory) and stop at the per-import limit."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler

from .limits import evidence_limits


class LimitedTemporaryUploadHandler(TemporaryFileUploadHandler):
    """Refuses to write past the per-import limit instead of filling the disk first."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit = evidence_limits().max_import_bytes
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > self.limit:
            if self.request is not None:
                self.request.upload_limit_exceeded = True  # type: ignore[attr-defined]
            raise StopUpload(connection_reset=False)
        return super().receive_data_chunk(raw_data, start)
