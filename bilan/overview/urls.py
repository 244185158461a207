"""The "dossiers" URL namespace: the dossier app's pages plus the home page, which reads every app.

The home page keeps its name (``dossiers:home``) and address; only its code lives higher up.
"""

from __future__ import annotations

from django.urls import path

from bilan.dossiers.urls import urlpatterns as dossier_urlpatterns

from . import views

app_name = "dossiers"

urlpatterns = [
    path("<int:dossier_id>/", views.dossier_home, name="home"),
    *dossier_urlpatterns,
]
