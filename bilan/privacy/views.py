"""The intern's "Mes données" page (export, import, erasure) and the public privacy page."""

from __future__ import annotations

import datetime as dt
import tempfile
from email.utils import parseaddr

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bilan.accounts.access import request_user
from bilan.dossiers.models import Dossier

from .forms import EraseForm, ImportForm
from .models import DataExport
from .records import ImportRefused
from .retention import retention_days_default
from .services import (
    account_erase,
    account_export,
    account_import,
    export_is_small,
    export_request,
)


def _filename() -> str:
    return f"bilan-mes-donnees-{timezone.localdate():%Y-%m-%d}.zip"


def _data_page(request: HttpRequest, import_form: ImportForm | None = None) -> HttpResponse:
    user = request_user(request)
    exports = DataExport.objects.filter(user=user, created_at__gte=timezone.now() - _keep())
    context = {
        "exports": [e for e in exports if e.status != DataExport.Status.READY or not _expired(e)],
        "can_import": not Dossier.objects.filter(owner=user).exists(),
        "import_form": import_form or ImportForm(),
        "dossier_count": Dossier.objects.filter(owner=user).count(),
    }
    return render(request, "privacy/data.html", context)


def _keep() -> dt.timedelta:
    return dt.timedelta(hours=settings.BILAN_PRIVACY_LIMITS["export_keep_hours"] + 24)


def _expired(export: DataExport) -> bool:
    return export.expires_at is not None and export.expires_at <= timezone.now()


@login_required
def data(request: HttpRequest) -> HttpResponse:
    return _data_page(request)


@login_required
@require_POST
def export(request: HttpRequest) -> HttpResponseBase:
    """Small accounts get their ZIP at once; larger ones are built by the worker."""
    user = request_user(request)
    if export_is_small(user=user):
        spool = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it
        account_export(user=user, target=spool)
        spool.seek(0)
        return FileResponse(
            spool, as_attachment=True, filename=_filename(), content_type="application/zip"
        )
    export_request(user=user)
    messages.info(
        request,
        _("Votre export est en préparation ; il apparaîtra ci-dessous, prêt à télécharger."),
    )
    return redirect("privacy:data")


@login_required
def export_download(request: HttpRequest, export_id: int) -> HttpResponseBase:
    user = request_user(request)
    item = DataExport.objects.filter(
        pk=export_id, user=user, status=DataExport.Status.READY
    ).first()
    if item is None or _expired(item) or not item.file:
        raise Http404
    return FileResponse(
        default_storage.open(item.file, "rb"),
        as_attachment=True,
        filename=_filename(),
        content_type="application/zip",
    )


@login_required
@require_POST
def import_view(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if Dossier.objects.filter(owner=user).exists():
        messages.error(request, _("L'import n'est possible que sur un compte sans dossier."))
        return redirect("privacy:data")
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _data_page(request, import_form=form)
    try:
        __, dossiers = account_import(source=form.cleaned_data["file"], user=user)
    except ImportRefused as exc:
        form.add_error("file", exc.message)
        return _data_page(request, import_form=form)
    messages.success(request, _("%(count)s dossier(s) importé(s).") % {"count": len(dossiers)})
    return redirect("dossiers:list")


@login_required
def erase(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = EraseForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        account_erase(user=user)
        logout(request)
        messages.success(request, _("Votre compte et toutes ses données ont été supprimés."))
        return redirect("landing")
    return render(request, "privacy/erase.html", {"form": form})


def notice(request: HttpRequest) -> HttpResponse:
    """The privacy page: public, linked from every page's footer."""
    context = {
        "retention_days": retention_days_default(),
        "retention_years": _years(retention_days_default()),
        "warning_days": settings.BILAN_RETENTION_WARNING_DAYS,
        "export_hours": settings.BILAN_PRIVACY_LIMITS["export_keep_hours"],
        "contact": privacy_contact(),
    }
    return render(request, "privacy/notice.html", context)


def _years(days: int) -> float | int:
    years = round(days / 365, 1)
    return int(years) if years.is_integer() else years


def privacy_contact() -> str:
    return settings.BILAN_PRIVACY_CONTACT_EMAIL or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
