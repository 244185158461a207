from __future__ import annotations

from django.urls import path

from . import views

app_name = "rehearsal"

urlpatterns = [
    path("", views.rehearsal, name="index"),
    path("length/", views.length, name="length"),
    path("times/", views.times, name="times"),
    path("cards.pdf", views.cue_cards, name="cards"),
    path("notes/", views.note_add, name="note_add"),
    path("notes/<int:note_id>/delete/", views.note_delete, name="note_delete"),
]
