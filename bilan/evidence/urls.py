from __future__ import annotations

from django.urls import path

from . import views, views_proofs

app_name = "evidence"

urlpatterns = [
    path("", views.trace_list, name="list"),
    path("upload/", views.trace_upload, name="upload"),
    path("note/", views.trace_note, name="note"),
    path("link/", views.trace_link, name="link"),
    path("<int:trace_id>/", views.trace_detail, name="detail"),
    path("<int:trace_id>/status/", views.trace_status, name="status"),
    path("<int:trace_id>/file/", views.trace_download, name="download"),
    path("<int:trace_id>/delete/", views.trace_delete, name="delete"),
    path("imports/<int:import_id>/", views.mailbox_import, name="import"),
    path("proofs/<str:target_kind>/<int:target_id>/", views_proofs.proofs_pick, name="proofs"),
]
