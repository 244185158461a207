from __future__ import annotations

from django.urls import path

from . import views

app_name = "skills"

urlpatterns = [
    path("", views.skill_list, name="list"),
    path("add/", views.skill_add_free, name="add_free"),
    path("pick/", views.skill_pick, name="pick"),
    path("pick/add/", views.skill_add_from_framework, name="add_from_framework"),
    path("frameworks/", views.frameworks, name="frameworks"),
    path("chart/", views.chart_view, name="chart"),
    path("<int:skill_id>/", views.skill_edit, name="edit"),
    path("<int:skill_id>/delete/", views.skill_delete, name="delete"),
    path("examples/", views.example_list, name="examples"),
    path("examples/new/", views.example_create, name="example_create"),
    path("examples/<int:example_id>/", views.example_edit, name="example_edit"),
    path("examples/<int:example_id>/delete/", views.example_delete, name="example_delete"),
    path("highlights/", views.highlight_list, name="highlights"),
    path(
        "highlights/new/<str:kind>/",
        views.highlight_create,
        name="highlight_create",
    ),
    path("highlights/<int:highlight_id>/", views.highlight_edit, name="highlight_edit"),
    path(
        "highlights/<int:highlight_id>/delete/",
        views.highlight_delete,
        name="highlight_delete",
    ),
    path("feelings/", views.feelings, name="feelings"),
    path("feelings/axes/", views.axis_add, name="axis_add"),
    path("feelings/axes/<int:axis_id>/delete/", views.axis_delete, name="axis_delete"),
    path("suggestions/", views.suggestion_list, name="suggestions"),
    path("suggestions/run/", views.suggestions_run, name="suggestions_run"),
    path(
        "suggestions/<int:suggestion_id>/accept/",
        views.suggestion_accept,
        name="suggestion_accept",
    ),
    path(
        "suggestions/<int:suggestion_id>/dismiss/",
        views.suggestion_dismiss,
        name="suggestion_dismiss",
    ),
]
