"""Links raters open: only the token identifies anything, never a dossier id."""

from __future__ import annotations

from django.urls import path

from . import public

app_name = "feedback_public"

urlpatterns = [
    path("<str:token>/", public.notice, name="notice"),
    path("<str:token>/answer/", public.answer, name="answer"),
    path("<str:token>/thanks/", public.thanks, name="thanks"),
]
