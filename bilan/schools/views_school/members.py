"""The organisation's people: admins and referents, and who follows which cohort."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bilan.accounts.access import request_user
from bilan.core.forms import form_add_errors

from .. import organisations as services
from ..access import organisation_for_admin
from ..forms_school import MemberForm, ReferentsForm
from ..models import Cohort, Membership
from ..navigation import staff_flag_store
from .organisations import organisation_cohort


@login_required
def members(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    form = MemberForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            membership, created = services.member_add(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                added_by=request_user(request),
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            if created:
                message = _("%(email)s ajouté. Un e-mail lui permet de choisir son mot de passe.")
            else:
                message = _("%(email)s ajouté : son compte existant a désormais accès.")
            messages.success(request, message % {"email": membership.user.email})
            return redirect("schools:members", organisation.pk)
    cohorts = (
        Cohort.objects.filter(programme__organisation=organisation)
        .select_related("programme")
        .prefetch_related("referents")
        .order_by("programme__name", "-year", "name", "id")
    )
    return render(
        request,
        "schools/school/members.html",
        {
            "organisation": organisation,
            "memberships": services.organisation_members(organisation=organisation),
            "form": form,
            "cohorts": cohorts,
        },
    )


@login_required
def member_remove(request: HttpRequest, organisation_id: int, membership_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    membership = (
        Membership.objects.select_related("user", "organisation")
        .filter(pk=membership_id, organisation=organisation)
        .first()
    )
    if membership is None:
        raise Http404
    if request.method == "POST":
        try:
            services.member_remove(membership=membership)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
            return redirect("schools:members", organisation.pk)
        messages.success(
            request, _("%(email)s retiré de l'organisation.") % {"email": membership.user.email}
        )
        if membership.user_id == request.user.pk:
            # The admin removed themselves: the page is no longer theirs.
            staff_flag_store(request)
            return redirect("schools:index")
        return redirect("schools:members", organisation.pk)
    return render(
        request,
        "schools/school/member_remove.html",
        {"organisation": organisation, "membership": membership},
    )


@login_required
def cohort_referents(request: HttpRequest, organisation_id: int, cohort_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    cohort = organisation_cohort(organisation, cohort_id)
    form = ReferentsForm(
        request.POST if request.method == "POST" else None,
        organisation=organisation,
        initial={"referents": list(cohort.referents.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.cohort_referents_set(cohort=cohort, users=list(form.cleaned_data["referents"]))
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(
                request, _("Référents de « %(name)s » enregistrés.") % {"name": cohort.name}
            )
            return redirect("schools:members", organisation.pk)
    return render(
        request,
        "schools/school/cohort_referents.html",
        {"organisation": organisation, "cohort": cohort, "form": form},
    )
