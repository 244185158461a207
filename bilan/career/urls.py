from __future__ import annotations

from django.urls import path

from . import views

app_name = "career"

urlpatterns = [
    path("", views.index, name="index"),
    path("lines/add/", views.line_add, name="line_add"),
    path("lines/<int:line_id>/", views.line_edit, name="line_edit"),
    path("lines/<int:line_id>/move/", views.line_move, name="line_move"),
    path("lines/<int:line_id>/delete/", views.line_delete, name="line_delete"),
    path("about/", views.about, name="about"),
    path("letter/", views.letter, name="letter"),
    path("resume.json", views.resume_json, name="resume"),
]
