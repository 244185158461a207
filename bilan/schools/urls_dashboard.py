from __future__ import annotations

from django.urls import path

from . import views_dashboard

app_name = "cohorts"

urlpatterns = [
    path("cohorts/<int:cohort_id>/", views_dashboard.cohort_dashboard, name="dashboard"),
]
