"""Enrolment pages: the staff's CSV import with preview, the intern's invitation and join code."""

from __future__ import annotations

import base64
import binascii
import hashlib

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bilan.accounts.forms import SignupForm
from bilan.accounts.models import User
from bilan.accounts.services import user_create
from bilan.core.public import (
    LinkRefused,
    is_blocked,
    link_resolve,
    note_refusal,
    refused_page,
)

from .access import cohort_for_staff
from .enrolment import (
    EnrolmentFileError,
    enrolment_counts,
    enrolment_csv_read,
    enrolment_rows_check,
    enrolment_rows_import,
    enrolment_rows_plan,
    max_bytes,
    max_rows,
)
from .forms_enrol import EnrolmentUploadForm, JoinCodeForm, JoinDossierForm
from .invitations import enrolment_for_invitation, invitation_accept
from .joining import JoinRefused, cohort_enrolment_of, cohort_for_code, cohort_join
from .models import Enrolment

REFUSED_TEMPLATE = "schools/enrol/invitation_refused.html"

# --- Import with preview (staff) --------------------------------------------------------------


def _upload_key(cohort_id: int) -> str:
    return f"enrolment_upload:{cohort_id}"


def _upload_store(request: HttpRequest, cohort_id: int, data: bytes) -> str:
    """Keep the previewed file in the user's session (bounded by the upload limit) until the
    confirmation; the digest ties the confirmation to the very file that was previewed."""
    digest = hashlib.sha256(data).hexdigest()
    request.session[_upload_key(cohort_id)] = {
        "digest": digest,
        "data": base64.b64encode(data).decode("ascii"),
    }
    return digest


def _upload_load(request: HttpRequest, cohort_id: int, digest: str) -> bytes | None:
    stored = request.session.get(_upload_key(cohort_id))
    if not isinstance(stored, dict) or stored.get("digest") != digest:
        return None
    try:
        data = base64.b64decode(str(stored.get("data", "")), validate=True)
    except (binascii.Error, ValueError):
        return None
    return data if hashlib.sha256(data).hexdigest() == digest else None


@login_required
def enrolment_import(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """Upload (POST) shows the preview: what each line will do, or every error."""
    staff = cohort_for_staff(request.user, cohort_id)
    cohort = staff.cohort
    form = EnrolmentUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {
        "cohort": cohort,
        "form": form,
        "max_kib": max_bytes() // 1024,
        "max_rows": max_rows(),
    }
    if request.method == "POST" and form.is_valid():
        data: bytes = form.cleaned_data["file"]
        try:
            rows, errors = enrolment_rows_check(cohort, enrolment_csv_read(data))
        except EnrolmentFileError as error:
            form.add_error("file", error)
            return render(request, "schools/enrol/import.html", context, status=400)
        context["errors"] = errors
        if not errors:
            planned = enrolment_rows_plan(cohort, rows)
            context["planned"] = planned
            context["counts"] = enrolment_counts(planned)
            context["digest"] = _upload_store(request, cohort.pk, data)
        else:
            request.session.pop(_upload_key(cohort.pk), None)
    return render(request, "schools/enrol/import.html", context)


@login_required
@require_POST
def enrolment_import_confirm(request: HttpRequest, cohort_id: int) -> HttpResponse:
    staff = cohort_for_staff(request.user, cohort_id)
    cohort = staff.cohort
    data = _upload_load(request, cohort.pk, request.POST.get("digest", ""))
    if data is None:
        messages.error(
            request, _("Le fichier prévisualisé n'est plus disponible : envoyez-le à nouveau.")
        )
        return redirect("enrolment:import", cohort_id=cohort.pk)
    # Checked again: the cohort may have changed since the preview.
    try:
        rows, errors = enrolment_rows_check(cohort, enrolment_csv_read(data))
        if errors:
            raise ValidationError(
                _("Le fichier comporte désormais des erreurs : prévisualisez-le à nouveau.")
            )
        assert isinstance(request.user, User)
        result = enrolment_rows_import(cohort, rows, invited_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("enrolment:import", cohort_id=cohort.pk)
    request.session.pop(_upload_key(cohort.pk), None)
    messages.success(request, _("Import terminé : %(summary)s.") % {"summary": result.summary()})
    return redirect("cohorts:dashboard", cohort_id=cohort.pk)


# --- Invitation link (the intern) ---------------------------------------------------------------


def _invitation_page(
    request: HttpRequest, token: str, enrolment: Enrolment, form: SignupForm | None
) -> HttpResponse:
    existing = User.objects.filter(email__iexact=enrolment.email).exists()
    login_url = reverse("accounts:login") + "?next=" + request.path
    response = render(
        request,
        "schools/enrol/invitation.html",
        {
            "enrolment": enrolment,
            "cohort": enrolment.cohort,
            "organisation": enrolment.cohort.programme.organisation,
            "form": form,
            "signup_fields": [field for field in form if field.name != "email"] if form else [],
            "account_exists": existing,
            "login_url": login_url,
        },
    )
    # The token is in the address: keep it out of Referer headers and shared caches.
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    return response


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = link_resolve(request, token, enrolment_for_invitation, template=REFUSED_TEMPLATE)
    if isinstance(found, HttpResponse):
        return found
    enrolment = found
    if request.user.is_authenticated:
        assert isinstance(request.user, User)
        if request.method == "POST":
            try:
                dossier = invitation_accept(enrolment=enrolment, user=request.user)
            except LinkRefused as refusal:
                return refused_page(request, refusal.reason, template=REFUSED_TEMPLATE)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("enrolment:invitation", token=token)
            messages.success(
                request,
                _("Votre dossier est rattaché à la promotion « %(cohort)s ».")
                % {"cohort": enrolment.cohort.name},
            )
            return redirect("dossiers:home", dossier_id=dossier.pk)
        return _invitation_page(request, token, enrolment, None)
    initial = {
        "first_name": enrolment.first_name,
        "last_name": enrolment.last_name,
        "email": enrolment.email,
        "language": enrolment.cohort.programme.organisation.default_language,
    }
    if request.method == "POST":
        data = request.POST.copy()
        data["email"] = enrolment.email  # the address the invitation reached
        form = SignupForm(data)
        if form.is_valid():
            cleaned = form.cleaned_data
            user = user_create(
                email=enrolment.email,
                password=cleaned["password1"],
                first_name=cleaned["first_name"],
                last_name=cleaned["last_name"],
                language=cleaned["language"],
            )
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            dossier = invitation_accept(enrolment=enrolment, user=user)
            messages.success(
                request,
                _("Bienvenue ! Votre dossier de stage est prêt et rattaché à « %(cohort)s ».")
                % {"cohort": enrolment.cohort.name},
            )
            return redirect("dossiers:home", dossier_id=dossier.pk)
    else:
        form = SignupForm(initial=initial)
    return _invitation_page(request, token, enrolment, form)


# --- Join with a code (the intern) -------------------------------------------------------------


@login_required
def join(request: HttpRequest) -> HttpResponse:
    """Step 1: the code; step 2 (same page, code kept): which dossier to link."""
    assert isinstance(request.user, User)
    user = request.user
    code_form = JoinCodeForm(request.POST or None)
    context: dict[str, object] = {"code_form": code_form}
    if request.method != "POST" or not code_form.is_valid():
        return render(request, "schools/enrol/join.html", context)
    if is_blocked(request):
        code_form.add_error(
            "code", _("Trop de codes erronés depuis votre connexion : réessayez plus tard.")
        )
        return render(request, "schools/enrol/join.html", context, status=429)
    try:
        cohort = cohort_for_code(code_form.cleaned_data["code"])
    except JoinRefused as refusal:
        if refusal.code == "unknown":
            note_refusal(request)
        code_form.add_error("code", refusal)
        return render(request, "schools/enrol/join.html", context)
    context["cohort"] = cohort
    enrolment = cohort_enrolment_of(cohort, user)
    if enrolment is not None and enrolment.dossier_id is not None:
        context["already"] = enrolment
        return render(request, "schools/enrol/join.html", context)
    dossiers = list(user.dossiers.filter(enrolment__isnull=True))
    step = request.POST.get("step") == "dossier"
    dossier_form = JoinDossierForm(request.POST if step else None, user=user, dossiers=dossiers)
    context["dossier_form"] = dossier_form
    if step and dossier_form.is_valid():
        chosen = dossier_form.chosen_dossier()
        try:
            enrolment = cohort_join(
                cohort=cohort,
                user=user,
                dossier=chosen,
                new_dossier=None if chosen else dossier_form.new_dossier(),
            )
        except ValidationError as error:
            dossier_form.add_error(None, error)
            return render(request, "schools/enrol/join.html", context)
        messages.success(
            request,
            _("Votre dossier est rattaché à la promotion « %(cohort)s ».")
            % {"cohort": cohort.name},
        )
        assert enrolment.dossier_id is not None
        return redirect("dossiers:home", dossier_id=enrolment.dossier_id)
    return render(request, "schools/enrol/join.html", context)
