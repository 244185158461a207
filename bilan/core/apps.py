from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bilan.core"
    verbose_name = "Bilan"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deployment checks)
