from __future__ import annotations

from django.urls import path

from . import views

app_name = "synthesis"

urlpatterns = [
    path("", views.synthesis_home, name="home"),
    path("generate/", views.synthesis_generate, name="generate"),
    path("edit/", views.synthesis_edit, name="edit"),
    path("regenerate/", views.synthesis_regenerate, name="regenerate"),
    path("versions/", views.synthesis_versions, name="versions"),
    path("versions/<int:number>/", views.synthesis_version, name="version"),
    path("review/", views.synthesis_review, name="review"),
    path("pages/", views.synthesis_pages, name="pages"),
    path("layout/", views.synthesis_layout, name="layout"),
    path("deroulement/", views.synthesis_deroulement, name="deroulement"),
    path("export/<str:fmt>/", views.synthesis_export, name="export"),
]
