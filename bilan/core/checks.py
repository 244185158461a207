"""Deployment checks of our own, run by `bilan check --deploy` beside Django's."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def secret_key_check(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    # Django's own check cannot know our development key is public (it is in the sources).
    if settings.SECRET_KEY == settings.DEV_SECRET_KEY:
        return [
            Warning(
                "BILAN_SECRET_KEY is not set: the development key, published with the "
                "sources, signs sessions and password-reset links.",
                hint="Set BILAN_SECRET_KEY to a long random value (README, Deployment).",
                id="bilan.W001",
            )
        ]
    return []
