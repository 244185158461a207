"""The API (/api/v1/) and the organisation admin's token page."""

from __future__ import annotations

from django.urls import path, re_path

from . import views
from .api import api

app_name = "api_tokens"

urlpatterns = [
    path("schools/<int:organisation_id>/api-tokens/", views.tokens, name="list"),
    path(
        "schools/<int:organisation_id>/api-tokens/<int:token_id>/revoke/",
        views.token_revoke,
        name="revoke",
    ),
]

# Included at the root by bilan/urls.py: the API under its own namespace ("api-v1"), then a
# JSON 404 for any other address under /api/ (not Django's HTML page).
api_urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/", views.api_not_found),
]
