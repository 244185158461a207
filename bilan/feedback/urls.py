from __future__ import annotations

from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("", views.request_list, name="requests"),
    path("invite/", views.request_invite, name="invite"),
    path("<int:request_id>/resend/", views.request_resend, name="resend"),
    path("<int:request_id>/revoke/", views.request_revoke, name="revoke"),
    path("settings/", views.round_settings, name="settings"),
    path("close/", views.round_close, name="close"),
    path("results/", views.results_view, name="results"),
    path("answers/<int:answer_id>/erase/", views.answer_erase, name="erase"),
    path("hidden/<int:discovery_id>/add/", views.discovery_add, name="discovery_add"),
    path("hidden/<int:discovery_id>/dismiss/", views.discovery_dismiss, name="discovery_dismiss"),
    path("export/", views.export, name="export"),
]
