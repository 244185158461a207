"""The referent's dashboard at /cohorts/<id>/: every intern of the cohort and where each one stands.

Filters, sort and pagination travel in the query string, so the page works without JavaScript
and every link (sort, page, export) keeps them; htmx only refreshes the results as one types.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .access import cohort_for_staff
from .dashboard import (
    DEFAULT_SORT,
    SORTS,
    DashboardQuery,
    dashboard_enrolments,
    dashboard_summary,
    readiness_buckets,
)
from .dashboard_export import dashboard_csv, dashboard_xlsx
from .forms_dashboard import DashboardFilterForm
from .models import Cohort

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _intern_link(cohort_id: int) -> Callable[[int], str] | None:
    """The referent's page of one intern, when the app has it (`schools:intern`)."""
    try:
        reverse("schools:intern", args=[cohort_id, 0])
    except NoReverseMatch:
        return None
    return lambda enrolment_id: reverse("schools:intern", args=[cohort_id, enrolment_id])


def _sort_links(query: DashboardQuery) -> dict[str, dict[str, str]]:
    """For each sortable column: the sort its header link asks for, and aria-sort's value."""
    links = {}
    for key in SORTS:
        if query.sort == key:
            links[key] = {"next": f"-{key}", "aria": "ascending"}
        elif query.sort == f"-{key}":
            links[key] = {"next": key, "aria": "descending"}
        else:
            # Readiness and activity first show those who need attention most.
            links[key] = {"next": key, "aria": ""}
    return links


def _with_defaults(data: QueryDict) -> QueryDict:
    """The filters asked for, with the sort and the page size shown selected when not given."""
    data = data.copy()
    data.setdefault("sort", DEFAULT_SORT)
    data.setdefault("per_page", str(settings.BILAN_DASHBOARD["page_size"]))
    return data


@login_required
def cohort_dashboard(request: HttpRequest, cohort_id: int) -> HttpResponse:
    staff = cohort_for_staff(request.user, cohort_id)
    cohort = staff.cohort
    form = DashboardFilterForm(_with_defaults(request.GET))
    form.is_valid()
    query = form.to_query()
    page = Paginator(dashboard_enrolments(cohort, query), form.page_size()).get_page(
        request.GET.get("page")
    )
    link = _intern_link(cohort.pk)
    rows: list[dict[str, Any]] = list(page.object_list)
    for row in rows:
        row["url"] = link(row["id"]) if link else ""
    summary = dashboard_summary(cohort)
    context = {
        "cohort": cohort,
        "role": staff.role,
        "form": form,
        "query": query,
        "page": page,
        "rows": rows,
        "summary": summary,
        "buckets": readiness_buckets(summary),
        "sorts": _sort_links(query),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
    }
    template = (
        "schools/dashboard/_results.html"
        if request.headers.get("HX-Request") == "true"
        else "schools/dashboard/cohort.html"
    )
    return render(request, template, context)


def _export_query(request: HttpRequest, cohort: Cohort) -> DashboardQuery | HttpResponse:
    """The filters of the page the export was asked from, or a redirect explaining the refusal."""
    form = DashboardFilterForm(request.GET)
    back = reverse("cohorts:dashboard", args=[cohort.pk]) + (
        "?" + request.GET.urlencode() if request.GET else ""
    )
    if not form.is_valid():
        # The dashboard shows the same form with its messages.
        messages.error(request, _("Corrigez les filtres avant d'exporter."))
        return redirect(back)
    query = form.to_query()
    limit = settings.BILAN_DASHBOARD["export_max_rows"]
    if dashboard_enrolments(cohort, query).count() > limit:
        messages.error(
            request,
            _("L'export est limité à %(limit)s stagiaires : affinez les filtres.")
            % {"limit": limit},
        )
        return redirect(back)
    return query


def _filename(cohort: Cohort, extension: str) -> str:
    stem = slugify(cohort.name) or "promotion"
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{extension}"


@login_required
def cohort_export_csv(request: HttpRequest, cohort_id: int) -> HttpResponseBase:
    cohort = cohort_for_staff(request.user, cohort_id).cohort
    query = _export_query(request, cohort)
    if isinstance(query, HttpResponse):
        return query
    response = StreamingHttpResponse(
        dashboard_csv(cohort, query), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(cohort, "csv")}"'
    return response


@login_required
def cohort_export_xlsx(request: HttpRequest, cohort_id: int) -> HttpResponseBase:
    cohort = cohort_for_staff(request.user, cohort_id).cohort
    query = _export_query(request, cohort)
    if isinstance(query, HttpResponse):
        return query
    handle = dashboard_xlsx(cohort, query, title=cohort.name)
    return FileResponse(
        handle, as_attachment=True, filename=_filename(cohort, "xlsx"), content_type=XLSX_TYPE
    )
