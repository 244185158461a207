from __future__ import annotations

from django.urls import include, path

from bilan.api.urls import api_urlpatterns
from bilan.core import views as core_views

urlpatterns = [
    path("", core_views.landing, name="landing"),
    path("health/", core_views.health, name="health"),
    path("accounts/", include("bilan.accounts.urls")),
    path("dossiers/", include("bilan.overview.urls")),
    path("dossiers/<int:dossier_id>/skills/", include("bilan.skills.urls")),
    path("dossiers/<int:dossier_id>/traces/", include("bilan.evidence.urls")),
    path("dossiers/<int:dossier_id>/coach/", include("bilan.writing.urls")),
    path("dossiers/<int:dossier_id>/synthesis/", include("bilan.synthesis.urls")),
    path("dossiers/<int:dossier_id>/feedback/", include("bilan.feedback.urls")),
    path("f/", include("bilan.feedback.public_urls")),
    path("dossiers/<int:dossier_id>/meeting/", include("bilan.meeting.urls")),
    path("dossiers/<int:dossier_id>/career/", include("bilan.career.urls")),
    path("dossiers/<int:dossier_id>/rehearsal/", include("bilan.rehearsal.urls")),
    path("m/", include("bilan.meeting.public_urls")),
    path("", include("bilan.schools.urls_dashboard")),
    path("", include("bilan.schools.urls_school")),
    path("", include("bilan.schools.urls_orgsettings")),
    path("", include("bilan.schools.urls_enrol")),
    path("", include("bilan.privacy.urls")),
    path("", include("bilan.api.urls")),
    *api_urlpatterns,
]

handler400 = "bilan.core.views.bad_request"
handler500 = "bilan.core.views.server_error"
