from __future__ import annotations

from django.urls import path

from . import views_dashboard

app_name = "cohorts"

urlpatterns = [
    path("cohorts/<int:cohort_id>/", views_dashboard.cohort_dashboard, name="dashboard"),
    path(
        "cohorts/<int:cohort_id>/export.csv",
        views_dashboard.cohort_export_csv,
        name="export_csv",
    ),
    path(
        "cohorts/<int:cohort_id>/export.xlsx",
        views_dashboard.cohort_export_xlsx,
        name="export_xlsx",
    ),
]
