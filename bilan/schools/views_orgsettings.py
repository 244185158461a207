"""The organisation's settings (/schools/<id>/settings/...) and the attestation de stage.

Settings are for the organisation's admins only (organisation_for_admin and the helpers of
access_orgsettings); the attestation for the intern (their dossier), the organisation's admins
(edit and download) and the cohort's referents (download, logged for the intern).
"""

from __future__ import annotations

import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bilan.accounts.models import User
from bilan.core.forms import form_add_errors
from bilan.dossiers.access import dossier_for_user
from bilan.dossiers.models import Dossier
from bilan.feedback import scales
from bilan.feedback.models import Criterion
from bilan.skills.models import Skill

from . import attestation as attestation_services
from . import frameworks as framework_services
from . import grids as grid_services
from . import organisation_settings
from .access import enrolment_for_staff, log_access, organisation_for_admin
from .access_orgsettings import (
    criterion_for_admin,
    organisation_framework_for_admin,
    organisation_grid_for_admin,
)
from .forms_orgsettings import (
    AttestationForm,
    CriterionForm,
    FrameworkRenameForm,
    FrameworkUploadForm,
    GridCreateForm,
    GridForm,
    OrganisationDetailsForm,
    OrganisationPolicyForm,
)
from .models import Membership, OrganisationFramework, OrganisationGrid
from .reminders import organisation_reminder_days

# POST-only views check the method after the access helper: someone without access gets the
# same 404 whatever the method, never a 405 that would confirm the object exists.


def _status(request: HttpRequest) -> int:
    """A page shown again after a POST carries errors."""
    return 400 if request.method == "POST" else 200


# --- Settings home, details, policy ----------------------------------------------------------


@login_required
def home(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    context = {
        "organisation": organisation,
        "grids": OrganisationGrid.objects.filter(organisation=organisation).count(),
        "frameworks": OrganisationFramework.objects.filter(organisation=organisation).count(),
        "reminder_days": organisation_reminder_days(organisation)
        or list(settings.BILAN_FEEDBACK_REMINDER_DAYS),
        "retention_days": organisation_settings.organisation_retention_days(organisation),
    }
    return render(request, "schools/orgsettings/home.html", context)


@login_required
def details(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    # The form works on a copy: a refused value must not show up in the page's headings.
    form = OrganisationDetailsForm(request.POST or None, instance=copy.copy(organisation))
    if request.method == "POST" and form.is_valid():
        organisation_settings.organisation_details_update(
            organisation=organisation, data=form.cleaned_data
        )
        messages.success(request, _("Coordonnées enregistrées."))
        return redirect("orgsettings:home", organisation.pk)
    context = {"organisation": organisation, "form": form}
    return render(request, "schools/orgsettings/details.html", context, status=_status(request))


@login_required
def policy(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    form = OrganisationPolicyForm(request.POST or None, instance=copy.copy(organisation))
    if request.method == "POST" and form.is_valid():
        organisation_settings.organisation_policy_update(
            organisation=organisation, data=form.cleaned_data
        )
        messages.success(request, _("Relances et conservation enregistrées."))
        return redirect("orgsettings:home", organisation.pk)
    context = {"organisation": organisation, "form": form}
    return render(request, "schools/orgsettings/policy.html", context, status=_status(request))


# --- Grids -----------------------------------------------------------------------------------


@login_required
def grids(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    form = GridCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            link = grid_services.organisation_grid_create(
                organisation=organisation, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Grille créée à partir de la grille par défaut."))
            return redirect("orgsettings:grid", organisation.pk, link.pk)
    links = list(
        OrganisationGrid.objects.filter(organisation=organisation)
        .select_related("grid")
        .order_by("-is_default", "grid__name", "pk")
    )
    context = {
        "organisation": organisation,
        "links": links,
        "form": form,
        "template": grid_services.builtin_default_grid(),
        "has_default": any(link.is_default for link in links),
        "apply_count": grid_services.organisation_grid_apply_count(organisation=organisation),
    }
    return render(request, "schools/orgsettings/grids.html", context, status=_status(request))


@login_required
def grid(request: HttpRequest, organisation_id: int, link_id: int) -> HttpResponse:
    organisation, link = organisation_grid_for_admin(request.user, organisation_id, link_id)
    form = GridForm(request.POST or None, instance=copy.copy(link.grid), prefix="grid")
    if request.method == "POST" and form.is_valid():
        grid_services.grid_update(
            grid=link.grid, name=form.cleaned_data["name"], scale=form.cleaned_data["scale"]
        )
        messages.success(request, _("Grille enregistrée."))
        return redirect("orgsettings:grid", organisation.pk, link.pk)
    return _grid_page(request, organisation, link, grid_form=form, criterion_form=None)


def _grid_page(
    request: HttpRequest,
    organisation: object,
    link: OrganisationGrid,
    *,
    grid_form: GridForm | None,
    criterion_form: CriterionForm | None,
) -> HttpResponse:
    grid = link.grid
    context = {
        "organisation": organisation,
        "link": link,
        "grid": grid,
        "grid_form": grid_form or GridForm(instance=grid, prefix="grid"),
        "criterion_form": criterion_form
        or CriterionForm(prefix="new", initial={"group": Criterion.Group.SAVOIR_FAIRE}),
        "criteria": list(grid.criteria.all()),
        "scale_values": [str(label) for _key, label in scales.values_of(grid.scale)],
        "in_use": grid_services.grid_in_use(grid),
    }
    return render(request, "schools/orgsettings/grid.html", context, status=_status(request))


@login_required
def grid_default(request: HttpRequest, organisation_id: int, link_id: int) -> HttpResponse:
    organisation, link = organisation_grid_for_admin(request.user, organisation_id, link_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    grid_services.organisation_grid_set_default(link=link)
    messages.success(
        request,
        _(
            "« %(name)s » est désormais la grille par défaut : les prochains stagiaires inscrits "
            "la reçoivent."
        )
        % {"name": link.grid.name},
    )
    return redirect("orgsettings:grids", organisation.pk)


@login_required
def grid_delete(request: HttpRequest, organisation_id: int, link_id: int) -> HttpResponse:
    organisation, link = organisation_grid_for_admin(request.user, organisation_id, link_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        grid_services.organisation_grid_delete(link=link)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("orgsettings:grid", organisation.pk, link.pk)
    messages.success(request, _("Grille supprimée."))
    return redirect("orgsettings:grids", organisation.pk)


@login_required
def grid_apply(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        count = grid_services.organisation_grid_apply(organisation=organisation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Grille par défaut donnée à %(count)d dossier(s) sans réponse.") % {"count": count},
        )
    return redirect("orgsettings:grids", organisation.pk)


@login_required
def criterion_add(request: HttpRequest, organisation_id: int, link_id: int) -> HttpResponse:
    organisation, link = organisation_grid_for_admin(request.user, organisation_id, link_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CriterionForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            grid_services.criterion_add(grid=link.grid, **form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Critère ajouté."))
            return redirect("orgsettings:grid", organisation.pk, link.pk)
    return _grid_page(request, organisation, link, grid_form=None, criterion_form=form)


@login_required
def criterion_edit(
    request: HttpRequest, organisation_id: int, link_id: int, criterion_id: int
) -> HttpResponse:
    organisation, link, criterion = criterion_for_admin(
        request.user, organisation_id, link_id, criterion_id
    )
    form = CriterionForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        grid_services.criterion_update(criterion=criterion, **form.cleaned_data)
        messages.success(request, _("Critère enregistré."))
        return redirect("orgsettings:grid", organisation.pk, link.pk)
    context = {
        "organisation": organisation,
        "link": link,
        "criterion": criterion,
        "form": form,
        "rated": grid_services.criterion_rated(criterion),
    }
    return render(request, "schools/orgsettings/criterion.html", context, status=_status(request))


@login_required
def criterion_move(
    request: HttpRequest, organisation_id: int, link_id: int, criterion_id: int
) -> HttpResponse:
    organisation, link, criterion = criterion_for_admin(
        request.user, organisation_id, link_id, criterion_id
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    step = -1 if request.POST.get("direction") == "up" else 1
    grid_services.criterion_move(criterion=criterion, step=step)
    return redirect("orgsettings:grid", organisation.pk, link.pk)


@login_required
def criterion_delete(
    request: HttpRequest, organisation_id: int, link_id: int, criterion_id: int
) -> HttpResponse:
    organisation, link, criterion = criterion_for_admin(
        request.user, organisation_id, link_id, criterion_id
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        grid_services.criterion_delete(criterion=criterion)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Critère supprimé."))
    return redirect("orgsettings:grid", organisation.pk, link.pk)


# --- Frameworks ------------------------------------------------------------------------------


@login_required
def frameworks(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    form = FrameworkUploadForm(
        request.POST or None, request.FILES or None, organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            link, counts = framework_services.organisation_framework_import(
                organisation=organisation,
                upload_name=upload.name or "",
                data=upload.read(),
                name=form.cleaned_data["name"],
                replace=form.cleaned_data["replace"],
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "« %(name)s » : %(created)d compétences créées, %(updated)d mises à jour, "
                    "%(unchanged)d inchangées."
                )
                % {
                    "name": link.framework.name,
                    "created": counts.created,
                    "updated": counts.updated,
                    "unchanged": counts.unchanged,
                },
            )
            return redirect("orgsettings:frameworks", organisation.pk)
    links = list(
        OrganisationFramework.objects.filter(organisation=organisation)
        .select_related("framework")
        .order_by("framework__name", "pk")
    )
    counts_by_framework = {
        row["framework_id"]: row["n"]
        for row in Skill.objects.filter(framework_id__in=[link.framework_id for link in links])
        .values("framework_id")
        .annotate(n=Count("id"))
    }
    rows = [(link, counts_by_framework.get(link.framework_id, 0)) for link in links]
    context = {"organisation": organisation, "rows": rows, "form": form}
    return render(request, "schools/orgsettings/frameworks.html", context, status=_status(request))


@login_required
def framework_rename(request: HttpRequest, organisation_id: int, link_id: int) -> HttpResponse:
    organisation, link = organisation_framework_for_admin(request.user, organisation_id, link_id)
    form = FrameworkRenameForm(request.POST or None, initial={"name": link.framework.name})
    if request.method == "POST" and form.is_valid():
        try:
            framework_services.organisation_framework_rename(
                link=link, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Référentiel renommé."))
            return redirect("orgsettings:frameworks", organisation.pk)
    context = {
        "organisation": organisation,
        "link": link,
        "form": form,
        "used": framework_services.framework_used(link.framework),
    }
    return render(request, "schools/orgsettings/framework.html", context, status=_status(request))


@login_required
def framework_delete(request: HttpRequest, organisation_id: int, link_id: int) -> HttpResponse:
    organisation, link = organisation_framework_for_admin(request.user, organisation_id, link_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    name = link.framework.name
    try:
        framework_services.organisation_framework_delete(link=link)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("orgsettings:framework", organisation.pk, link.pk)
    messages.success(request, _("Référentiel « %(name)s » supprimé.") % {"name": name})
    return redirect("orgsettings:frameworks", organisation.pk)


# --- Attestation de stage --------------------------------------------------------------------


def _language(request: HttpRequest, dossier: Dossier) -> str:
    asked = request.GET.get("lang", "")
    return asked if asked in attestation_services.LANGUAGES else dossier.language


def _attestation_context(dossier: Dossier, form: AttestationForm) -> dict[str, object]:
    return {
        "dossier": dossier,
        "form": form,
        "content": attestation_services.attestation_content(
            dossier=dossier, language=dossier.language
        ),
        "languages": settings.LANGUAGES,
    }


@login_required
def dossier_attestation(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    form = AttestationForm(
        request.POST if request.method == "POST" else None,
        instance=attestation_services.attestation_get(dossier=dossier),
        defaults=attestation_services.attestation_defaults(dossier=dossier),
    )
    if request.method == "POST" and form.is_valid():
        assert isinstance(request.user, User)
        attestation_services.attestation_update(
            dossier=dossier, data=form.cleaned_data, user=request.user
        )
        messages.success(request, _("Attestation enregistrée."))
        return redirect("orgsettings:dossier_attestation", dossier.pk)
    context = _attestation_context(dossier, form)
    return render(request, "schools/orgsettings/attestation.html", context, status=_status(request))


def _pdf_response(dossier: Dossier, language: str) -> HttpResponse:
    pdf = attestation_services.attestation_pdf(dossier=dossier, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = attestation_services.attestation_filename(dossier=dossier, language=language)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def dossier_attestation_pdf(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_for_user(request.user, dossier_id)
    return _pdf_response(dossier, _language(request, dossier))


@login_required
def staff_attestation(request: HttpRequest, cohort_id: int, enrolment_id: int) -> HttpResponse:
    """Admins edit the figures; referents only see the download link (their download is logged)."""
    enrolment, role = enrolment_for_staff(request.user, cohort_id, enrolment_id)
    if enrolment.dossier is None:
        raise Http404
    dossier = enrolment.dossier
    is_admin = role == Membership.Role.ADMIN
    if request.method == "POST" and not is_admin:
        raise Http404
    form = AttestationForm(
        request.POST if request.method == "POST" else None,
        instance=attestation_services.attestation_get(dossier=dossier),
        defaults=attestation_services.attestation_defaults(dossier=dossier),
    )
    if request.method == "POST" and form.is_valid():
        assert isinstance(request.user, User)
        attestation_services.attestation_update(
            dossier=dossier, data=form.cleaned_data, user=request.user
        )
        log_access(enrolment, request.user, role, "attestation_edit")
        messages.success(request, _("Attestation enregistrée."))
        return redirect("orgsettings:staff_attestation", cohort_id, enrolment.pk)
    context = _attestation_context(dossier, form) | {
        "enrolment": enrolment,
        "cohort_id": cohort_id,
        "is_admin": is_admin,
    }
    return render(
        request, "schools/orgsettings/attestation_staff.html", context, status=_status(request)
    )


@login_required
def staff_attestation_pdf(request: HttpRequest, cohort_id: int, enrolment_id: int) -> HttpResponse:
    enrolment, role = enrolment_for_staff(request.user, cohort_id, enrolment_id)
    if enrolment.dossier is None:
        raise Http404
    assert isinstance(request.user, User)
    log_access(enrolment, request.user, role, "attestation")
    return _pdf_response(enrolment.dossier, _language(request, enrolment.dossier))
