"""The tutor's link to the meeting record: only the token identifies anything."""

from __future__ import annotations

from django.urls import path

from . import public

app_name = "meeting_public"

urlpatterns = [
    path("<str:token>/", public.record, name="record"),
]
