"""The cohort page at /cohorts/<id>/: every intern of the cohort and where each one stands."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .access import cohort_for_staff
from .models import Enrolment


@login_required
def cohort_dashboard(request: HttpRequest, cohort_id: int) -> HttpResponse:
    staff = cohort_for_staff(request.user, cohort_id)
    enrolments = Enrolment.objects.filter(cohort=staff.cohort).select_related(
        "dossier__school_status"
    )
    page = Paginator(enrolments, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "schools/dashboard/cohort.html",
        {"cohort": staff.cohort, "role": staff.role, "page": page},
    )
