"""The organisation admin's API tokens page, and the JSON 404 of unknown API addresses."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bilan.accounts.models import User
from bilan.schools.access import organisation_for_admin

from .errors import ApiError
from .forms import ApiTokenForm
from .models import ApiToken
from .services import api_token_create, api_token_revoke


@login_required
def tokens(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    secret = None
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        assert isinstance(request.user, User)
        token, secret = api_token_create(
            organisation=organisation,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            created_by=request.user,
        )
        form = ApiTokenForm()
    listed = ApiToken.objects.filter(organisation=organisation).select_related("created_by")
    response = render(
        request,
        "api/tokens.html",
        {"organisation": organisation, "tokens": listed, "form": form, "secret": secret},
        status=400 if request.method == "POST" and secret is None else 200,
    )
    # The new token is on this page only: never from a cache, never in a Referer.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, organisation_id: int, token_id: int) -> HttpResponse:
    organisation = organisation_for_admin(request.user, organisation_id)
    token = ApiToken.objects.filter(organisation=organisation, pk=token_id).first()
    if token is None:
        raise Http404
    if api_token_revoke(token=token):
        messages.success(request, _("Le jeton « %(name)s » est révoqué.") % {"name": token.name})
    return redirect("api_tokens:list", organisation_id=organisation.pk)


def api_not_found(request: HttpRequest) -> HttpResponse:
    error = ApiError(404, "not_found")
    return JsonResponse(error.body(), status=404)
