"""The API (/api/v1/) and the organisation admin's token page."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, path, re_path

from . import views
from .api import api
from .errors import ApiError

app_name = "api_tokens"

urlpatterns = [
    path("schools/<int:organisation_id>/api-tokens/", views.tokens, name="list"),
    path(
        "schools/<int:organisation_id>/api-tokens/<int:token_id>/revoke/",
        views.token_revoke,
        name="revoke",
    ),
]


def _json_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Ninja answers a wrong method with a plain-text 405; ours is JSON like every error."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            answer = JsonResponse(ApiError(405, "method_not_allowed").body(), status=405)
            answer["Allow"] = response.get("Allow", "")
            return answer
        return response

    return wrapped


_patterns, _app_name, _namespace = api.urls
for _pattern in _patterns:
    if isinstance(_pattern, URLPattern):
        _pattern.callback = _json_not_allowed(_pattern.callback)

# Included at the root by bilan/urls.py: the API under its own namespace ("api-v1"), then a
# JSON 404 for any other address under /api/ (not Django's HTML page).
api_urlpatterns = [
    path("api/v1/", (_patterns, _app_name, _namespace)),
    re_path(r"^api/", views.api_not_found),
]
