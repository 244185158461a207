"""The intern's "Mon école" page: their cohort, who reads what, their sharing choices, handing
in the synthesis, and the log of every time the school opened their dossier."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import sharing
from ..access import enrolment_for_intern
from ..forms_school import SharingForm
from ..models import AccessLog

ACCESS_LOG_PAGE = 50


@login_required
def my_school(request: HttpRequest, dossier_id: int) -> HttpResponse:
    enrolment = enrolment_for_intern(request.user, dossier_id)
    dossier = enrolment.dossier
    assert dossier is not None
    form = SharingForm(request.POST if request.method == "POST" else None, instance=enrolment)
    if request.method == "POST" and form.is_valid():
        sharing.sharing_update(enrolment=enrolment, **form.cleaned_data)
        messages.success(request, _("Vos choix de partage sont enregistrés."))
        return redirect("schools:my_school", dossier.pk)
    log = AccessLog.objects.filter(dossier=dossier).order_by("-at", "-id")
    submitted = enrolment.submitted_version
    latest = sharing.synthesis_latest(dossier=dossier)
    return render(
        request,
        "schools/school/my_school.html",
        {
            "dossier": dossier,
            "enrolment": enrolment,
            "cohort": enrolment.cohort,
            "organisation": enrolment.cohort.programme.organisation,
            "readers": sharing.enrolment_readers(enrolment=enrolment),
            "form": form,
            "submitted": submitted,
            "latest": latest,
            "newer_than_submitted": bool(
                latest and (submitted is None or latest.pk != submitted.pk)
            ),
            "log": Paginator(log, ACCESS_LOG_PAGE).get_page(request.GET.get("page")),
        },
    )


@login_required
@require_POST
def my_school_submit(request: HttpRequest, dossier_id: int) -> HttpResponse:
    enrolment = enrolment_for_intern(request.user, dossier_id)
    try:
        version = sharing.synthesis_submit(enrolment=enrolment)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request,
            _("Version %(n)d de votre synthèse rendue à %(school)s.")
            % {"n": version.number, "school": enrolment.cohort.programme.organisation.name},
        )
    return redirect("schools:my_school", dossier_id)
