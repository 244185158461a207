"""Organisations, programmes and cohorts, run by the organisation's admins."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bilan.accounts.access import request_user
from bilan.core.forms import form_add_errors

from .. import organisations as services
from ..access import admin_organisations, organisation_for_admin, staff_cohorts
from ..forms_school import CohortForm, OrganisationForm, ProgrammeForm
from ..models import Cohort, Membership, Organisation, Programme
from ..navigation import staff_flag_store


def organisation_programme(organisation: Organisation, programme_id: int) -> Programme:
    programme = organisation.programmes.filter(pk=programme_id).first()
    if programme is None:
        raise Http404
    return programme


def organisation_cohort(organisation: Organisation, cohort_id: int) -> Cohort:
    cohort = (
        Cohort.objects.select_related("programme__organisation")
        .filter(pk=cohort_id, programme__organisation=organisation)
        .first()
    )
    if cohort is None:
        raise Http404
    return cohort


@login_required
def school_index(request: HttpRequest) -> HttpResponse:
    """Every organisation the user runs and every cohort they follow."""
    user = request_user(request)
    organisations = list(admin_organisations(user).order_by("name", "id"))
    cohorts = list(
        staff_cohorts(user)
        .annotate(enrolled=Count("enrolments", distinct=True))
        .order_by("programme__organisation__name", "-year", "name", "id")
    )
    staff_flag_store(request, bool(organisations or cohorts) or None)
    return render(
        request,
        "schools/school/index.html",
        {"organisations": organisations, "cohorts": cohorts},
    )


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = OrganisationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                user=user, name=form.cleaned_data["name"], kind=form.cleaned_data["kind"]
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            staff_flag_store(request, True)
            messages.success(
                request,
                _("Espace « %(name)s » créé : vous en êtes l'administrateur.")
                % {"name": organisation.name},
            )
            return redirect("schools:organisation", organisation.pk)
    return render(request, "schools/school/organisation_create.html", {"form": form})


@login_required
def organisation_home(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    cohorts = Cohort.objects.annotate(enrolled=Count("enrolments")).prefetch_related("referents")
    programmes = organisation.programmes.prefetch_related(Prefetch("cohorts", queryset=cohorts))
    members = Membership.objects.filter(organisation=organisation)
    return render(
        request,
        "schools/school/organisation.html",
        {
            "organisation": organisation,
            "programmes": programmes,
            "programme_form": ProgrammeForm(),
            "admins": members.filter(role=Membership.Role.ADMIN).count(),
            "referents": members.filter(role=Membership.Role.REFERENT).count(),
        },
    )


@login_required
def programme_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    form = ProgrammeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(
                organisation=organisation,
                name=form.cleaned_data["name"],
                level=form.cleaned_data["level"],
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Formation « %(name)s » ajoutée.") % {"name": programme})
            return redirect("schools:organisation", organisation.pk)
    return render(
        request,
        "schools/school/form.html",
        {"organisation": organisation, "form": form, "title": _("Nouvelle formation")},
    )


@login_required
def programme_edit(request: HttpRequest, organisation_id: int, programme_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    programme = organisation_programme(organisation, programme_id)
    form = ProgrammeForm(request.POST if request.method == "POST" else None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(
                programme=programme,
                name=form.cleaned_data["name"],
                level=form.cleaned_data["level"],
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Formation renommée."))
            return redirect("schools:organisation", organisation.pk)
    return render(
        request,
        "schools/school/form.html",
        {"organisation": organisation, "form": form, "title": _("Modifier la formation")},
    )


@login_required
def programme_delete(request: HttpRequest, organisation_id: int, programme_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    programme = organisation_programme(organisation, programme_id)
    if request.method == "POST":
        services.programme_delete(programme=programme)
        messages.success(request, _("Formation supprimée, avec ses promotions."))
        return redirect("schools:organisation", organisation.pk)
    cohorts = programme.cohorts.annotate(enrolled=Count("enrolments"))
    return render(
        request,
        "schools/school/confirm_delete.html",
        {
            "organisation": organisation,
            "object": programme,
            "cohorts": cohorts,
            "enrolled": sum(cohort.enrolled for cohort in cohorts),
        },
    )


@login_required
def cohort_create(request: HttpRequest, organisation_id: int, programme_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    programme = organisation_programme(organisation, programme_id)
    form = CohortForm(
        request.POST if request.method == "POST" else None, initial={"join_open": True}
    )
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_create(
                programme=programme,
                name=form.cleaned_data["name"],
                year=form.cleaned_data["year"],
                join_open=form.cleaned_data["join_open"],
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(
                request,
                _("Promotion « %(name)s » créée ; son code d'inscription : %(code)s.")
                % {"name": cohort.name, "code": cohort.join_code},
            )
            return redirect("schools:organisation", organisation.pk)
    return render(
        request,
        "schools/school/form.html",
        {
            "organisation": organisation,
            "form": form,
            "title": _("Nouvelle promotion de %(programme)s") % {"programme": programme.name},
        },
    )


@login_required
def cohort_edit(request: HttpRequest, organisation_id: int, cohort_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    cohort = organisation_cohort(organisation, cohort_id)
    form = CohortForm(request.POST if request.method == "POST" else None, instance=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            services.cohort_update(
                cohort=cohort,
                name=form.cleaned_data["name"],
                year=form.cleaned_data["year"],
                join_open=form.cleaned_data["join_open"],
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Promotion enregistrée."))
            return redirect("schools:organisation", organisation.pk)
    return render(
        request,
        "schools/school/form.html",
        {"organisation": organisation, "form": form, "title": _("Modifier la promotion")},
    )


@login_required
def cohort_delete(request: HttpRequest, organisation_id: int, cohort_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    cohort = organisation_cohort(organisation, cohort_id)
    if request.method == "POST":
        services.cohort_delete(cohort=cohort)
        messages.success(request, _("Promotion supprimée."))
        return redirect("schools:organisation", organisation.pk)
    return render(
        request,
        "schools/school/confirm_delete.html",
        {
            "organisation": organisation,
            "object": cohort,
            "enrolled": cohort.enrolments.count(),
        },
    )


@login_required
@require_POST
def cohort_code(request: HttpRequest, organisation_id: int, cohort_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    cohort = organisation_cohort(organisation, cohort_id)
    code = services.cohort_join_code_regenerate(cohort=cohort)
    messages.success(
        request,
        _("Nouveau code pour « %(name)s » : %(code)s. L'ancien ne fonctionne plus.")
        % {"name": cohort.name, "code": code},
    )
    return redirect("schools:organisation", organisation.pk)
