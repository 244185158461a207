from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse


def coach(request: HttpRequest) -> dict[str, Any]:
    """On a dossier's pages, long text fields get a "Relire avec le coach" button."""
    match = getattr(request, "resolver_match", None)
    dossier_id = match.kwargs.get("dossier_id") if match else None
    if dossier_id is None or not request.user.is_authenticated:
        return {}
    return {"coach_url": reverse("writing:review", args=[dossier_id])}
