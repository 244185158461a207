"""Job kinds and their handlers. Apps register handlers in their AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Handler = Callable[[dict[str, Any]], None]

_handlers: dict[str, Handler] = {}
_start_hooks: list[Callable[[], None]] = []


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        _handlers[kind] = func
        return func

    return register


def handler_for(kind: str) -> Handler | None:
    return _handlers.get(kind)


def on_worker_start(func: Callable[[], None]) -> Callable[[], None]:
    """Run ``func`` each time a worker starts, e.g. to queue a sweep after a deployment."""
    if func not in _start_hooks:
        _start_hooks.append(func)
    return func


def worker_start_hooks() -> list[Callable[[], None]]:
    return list(_start_hooks)
