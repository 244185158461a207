from __future__ import annotations

from django.urls import path

from . import views

app_name = "meeting"

urlpatterns = [
    path("", views.index, name="index"),
    path("date/", views.meeting_date, name="date"),
    path("entretien.ics", views.meeting_ics, name="ics"),
    path("questions/add/", views.question_add, name="question_add"),
    path("questions/pick/", views.question_pick, name="question_pick"),
    path("questions/<int:question_id>/", views.question_edit, name="question_edit"),
    path("questions/<int:question_id>/move/", views.question_move, name="question_move"),
    path("questions/<int:question_id>/delete/", views.question_delete, name="question_delete"),
    path("pack/", views.pack_view, name="pack"),
    path("pack.pdf", views.pack_pdf, name="pack_pdf"),
    path("record/", views.record, name="record"),
    path("record/confirm/", views.record_confirm, name="record_confirm"),
]
