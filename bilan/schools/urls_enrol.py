from __future__ import annotations

from django.urls import path

from . import views_enrol

app_name = "enrolment"

urlpatterns = [
    path("cohorts/<int:cohort_id>/import/", views_enrol.enrolment_import, name="import"),
    path(
        "cohorts/<int:cohort_id>/import/confirm/",
        views_enrol.enrolment_import_confirm,
        name="import_confirm",
    ),
    path("join/", views_enrol.join, name="join"),
    path("join/invitation/<str:token>/", views_enrol.invitation, name="invitation"),
]
