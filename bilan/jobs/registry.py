"""Job kinds and their handlers. Apps register handlers in their AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Handler = Callable[[dict[str, Any]], None]

_handlers: dict[str, Handler] = {}


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        _handlers[kind] = func
        return func

    return register


def handler_for(kind: str) -> Handler | None:
    return _handlers.get(kind)
