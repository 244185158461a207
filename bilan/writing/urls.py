from __future__ import annotations

from django.urls import path

from . import views

app_name = "writing"

urlpatterns = [
    path("review/", views.review, name="review"),
    path("readiness/", views.readiness, name="readiness"),
]
