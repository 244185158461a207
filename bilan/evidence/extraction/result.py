"""The result of one extraction: a document, a message, or an attachment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class Extracted:
    type: str
    title: str | None = None
    author: str | None = None
    # Always timezone-aware; naive source dates are taken as UTC.
    date: datetime | None = None
    text: str = ""
    # Rendered in the language asked for; ``error_code``/``error_params`` allow re-rendering.
    error: str | None = None
    children: list[Extracted] = field(default_factory=list)
    message_id: str | None = None
    filename: str | None = None
    # Raw bytes of an attachment, so the importer can store it; None for top-level files.
    content: bytes | None = None
    error_code: str | None = None
    error_params: dict[str, Any] = field(default_factory=dict)
    # Cheap facts that are not text: page count, image size, whether text was truncated.
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": self.type,
            "title": self.title,
            "author": self.author,
            "date": self.date.isoformat() if self.date else None,
            "text": self.text,
            "error": self.error,
        }
        if self.children:
            data["children"] = [child.to_dict() for child in self.children]
        return data
