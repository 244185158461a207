from __future__ import annotations

from django.urls import path

from . import views

# Included under the "dossiers" namespace by bilan.overview.urls, which adds the home page.

urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("new/", views.dossier_create, name="create"),
    path("<int:dossier_id>/edit/", views.dossier_edit, name="edit"),
    path("<int:dossier_id>/delete/", views.dossier_delete, name="delete"),
    path("<int:dossier_id>/objectives/", views.objective_list, name="objectives"),
    path("<int:dossier_id>/objectives/import/", views.objective_import, name="objective_import"),
    path("<int:dossier_id>/objectives/add/", views.objective_add, name="objective_add"),
    path(
        "<int:dossier_id>/objectives/<int:objective_id>/",
        views.objective_row,
        name="objective_row",
    ),
    path(
        "<int:dossier_id>/objectives/<int:objective_id>/edit/",
        views.objective_edit,
        name="objective_edit",
    ),
    path(
        "<int:dossier_id>/objectives/<int:objective_id>/move/",
        views.objective_move,
        name="objective_move",
    ),
    path(
        "<int:dossier_id>/objectives/<int:objective_id>/merge/",
        views.objective_merge,
        name="objective_merge",
    ),
    path(
        "<int:dossier_id>/objectives/<int:objective_id>/split/",
        views.objective_split,
        name="objective_split",
    ),
    path(
        "<int:dossier_id>/objectives/<int:objective_id>/delete/",
        views.objective_delete,
        name="objective_delete",
    ),
    path("<int:dossier_id>/plan/", views.plan, name="plan"),
    path("<int:dossier_id>/journal/", views.journal, name="journal"),
    path(
        "<int:dossier_id>/journal/<int:entry_id>/edit/",
        views.journal_entry_edit,
        name="journal_edit",
    ),
    path(
        "<int:dossier_id>/journal/<int:entry_id>/delete/",
        views.journal_entry_delete,
        name="journal_delete",
    ),
    path("<int:dossier_id>/weeks/", views.weeks, name="weeks"),
]
