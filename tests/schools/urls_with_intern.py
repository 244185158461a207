"""The project's URLs plus a stand-in for `schools:intern` (the referent's page of an intern,
built elsewhere), to check that the dashboard links to it once it exists."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import include, path

from bilan.urls import urlpatterns as project_urlpatterns


def intern_page(request, cohort_id: int, enrolment_id: int) -> HttpResponse:
    return HttpResponse(f"{cohort_id}/{enrolment_id}")


schools_patterns = (
    [path("cohorts/<int:cohort_id>/interns/<int:enrolment_id>/", intern_page, name="intern")],
    "schools",
)

urlpatterns = [*project_urlpatterns, path("", include(schools_patterns))]
