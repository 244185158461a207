"""PNG and JPEG: no OCR, so no text; only the size, read from the header."""

from __future__ import annotations

from .limits import Deadline, Limits
from .result import Extracted

# JPEG start-of-frame markers carry the size; C4, C8 and CC are other segments.
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def extract_image(data: bytes, kind: str, limits: Limits, deadline: Deadline) -> Extracted:
    size = png_size(data) if kind == "png" else jpeg_size(data)
    result = Extracted(type=kind, error_code="image_no_text")
    if size:
        result.metadata.update(width=size[0], height=size[1])
    return result


def png_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def jpeg_size(data: bytes) -> tuple[int, int] | None:
    offset = 2
    # Each step moves forward by at least 4 bytes, so the walk ends.
    while offset + 9 <= len(data):
        if data[offset] != 0xFF:
            return None
        marker = data[offset + 1]
        if marker == 0xFF:
            offset += 1
            continue
        length = int.from_bytes(data[offset + 2 : offset + 4], "big")
        if marker in _SOF:
            height = int.from_bytes(data[offset + 5 : offset + 7], "big")
            width = int.from_bytes(data[offset + 7 : offset + 9], "big")
            return width, height
        offset += 2 + max(length, 2)
    return None
