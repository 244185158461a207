from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string


def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dossiers:list")
    return render(request, "core/landing.html")


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers: the process answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's last resort (DEBUG off), called while the exception is being handled.

    A database that does not answer (down, restarting, unreachable) is no bug of ours: the
    visitor gets a 503 saying so, and the next request tries a fresh connection, so the site
    comes back by itself with the database. Both pages are rendered without the request, so
    no context processor (the user, the coach) touches the database again.
    """
    # OperationalError and InterfaceError: the connection, not the query (IntegrityError and
    # the like are bugs, hence 500).
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)
