from __future__ import annotations

from django.urls import path

from . import views_orgsettings as views

app_name = "orgsettings"

SETTINGS = "schools/<int:organisation_id>/settings/"
GRID = SETTINGS + "grids/<int:link_id>/"
CRITERION = GRID + "criteria/<int:criterion_id>/"
FRAMEWORK = SETTINGS + "frameworks/<int:link_id>/"
STAFF_ATTESTATION = "cohorts/<int:cohort_id>/interns/<int:enrolment_id>/attestation/"

urlpatterns = [
    path(SETTINGS, views.home, name="home"),
    path(SETTINGS + "details/", views.details, name="details"),
    path(SETTINGS + "policy/", views.policy, name="policy"),
    path(SETTINGS + "grids/", views.grids, name="grids"),
    path(SETTINGS + "grids/apply/", views.grid_apply, name="grid_apply"),
    path(GRID, views.grid, name="grid"),
    path(GRID + "default/", views.grid_default, name="grid_default"),
    path(GRID + "delete/", views.grid_delete, name="grid_delete"),
    path(GRID + "criteria/", views.criterion_add, name="criterion_add"),
    path(CRITERION, views.criterion_edit, name="criterion_edit"),
    path(CRITERION + "move/", views.criterion_move, name="criterion_move"),
    path(CRITERION + "delete/", views.criterion_delete, name="criterion_delete"),
    path(SETTINGS + "frameworks/", views.frameworks, name="frameworks"),
    path(FRAMEWORK, views.framework_rename, name="framework"),
    path(FRAMEWORK + "delete/", views.framework_delete, name="framework_delete"),
    path(
        "dossiers/<int:dossier_id>/attestation/",
        views.dossier_attestation,
        name="dossier_attestation",
    ),
    path(
        "dossiers/<int:dossier_id>/attestation/pdf/",
        views.dossier_attestation_pdf,
        name="dossier_attestation_pdf",
    ),
    path(STAFF_ATTESTATION, views.staff_attestation, name="staff_attestation"),
    path(STAFF_ATTESTATION + "pdf/", views.staff_attestation_pdf, name="staff_attestation_pdf"),
]
