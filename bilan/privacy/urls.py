from __future__ import annotations

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("accounts/data/", views.data, name="data"),
    path("accounts/data/export/", views.export, name="export"),
    path("accounts/data/exports/<int:export_id>/", views.export_download, name="download"),
    path("accounts/data/import/", views.import_view, name="import"),
    path("accounts/delete/", views.erase, name="erase"),
    path("privacy/", views.notice, name="notice"),
]
