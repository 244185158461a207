"""The NinjaAPI behind /api/v1/: authentication, errors in one format, the docs page."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import DocsBase
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from .auth import TokenAuth
from .endpoints import router
from .errors import ApiError

DESCRIPTION = """\
Bilan's API for a school's own systems (student records, internship management, an ERP, a
spreadsheet).

**Authentication**: `Authorization: Bearer <token>`. An organisation admin creates tokens on the
organisation's "API tokens" page or with `bilan api-token create`; a token sees its
organisation only, and a `read` token cannot write.

**Sync**: every object has `updated_at`; lists are ordered by (`updated_at`, `id`), take
`updated_since`, and are paged by an opaque `cursor` (`next_cursor` is null on the last page).
Single objects carry an `ETag`: send it back as `If-None-Match` to get `304 Not Modified`.

**Errors** are `{"code": "...", "message": "..."}`: `code` is stable, `message` follows
`Accept-Language` (fr, en). Each token has a rate limit (429 with `Retry-After`).
"""


class Docs(DocsBase):
    """Swagger UI from the files in the django-ninja wheel, started by a static script: no CDN
    and no inline script, so the page works under a strict Content-Security-Policy."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        return render(
            request, "api/docs.html", {"api": api, "openapi_url": self.get_openapi_url(api, kwargs)}
        )


class _Encoder(NinjaJSONEncoder):
    def default(self, o: Any) -> Any:
        # Full microseconds, as in single objects and cursors: Django's encoder keeps only
        # milliseconds, and a client that sent such a date back as `updated_since` would see
        # objects again that it already has.
        if isinstance(o, dt.datetime):
            return o.isoformat().replace("+00:00", "Z")
        return super().default(o)


class _Renderer(JSONRenderer):
    encoder_class = _Encoder
    json_dumps_params = {"ensure_ascii": False}


class BilanApi(NinjaAPI):
    def get_operation_id(self, operation: Any) -> str:
        # The function's name ("enrolments_list"), not ninja's module-qualified default.
        return str(operation.view_func.__name__)


api = BilanApi(
    title="Bilan API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=TokenAuth(),
    docs=Docs(),
    docs_url="/docs",
    renderer=_Renderer(),
    openapi_url="/openapi.json",
)
api.add_router("", router)


def _answer(request: HttpRequest, error: ApiError) -> HttpResponse:
    response = api.create_response(request, error.body(), status=error.status)
    for name, value in error.headers.items():
        response[name] = value
    response["Content-Language"] = translation.get_language() or "fr"
    response["Vary"] = "Accept-Language"
    return response


def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return _answer(request, exc)


def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _answer(request, ApiError(404, "not_found"))


def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        row = None
        # body.payload.rows.<n>.<field>: point at the row like the CSV import does.
        if "rows" in location and location.index("rows") + 1 < len(location):
            following = location[location.index("rows") + 1]
            row = int(following) if following.isdigit() else None
        errors.append(
            {"field": ".".join(location), "message": str(error.get("msg", "")), "row": row}
        )
    return _answer(request, ApiError(422, "invalid_request", errors=errors))


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc, AuthenticationError):
        return _answer(request, ApiError(401, "token_missing"))
    if exc.status_code == 400:
        # e.g. a body that is not JSON: ninja's message is English, ours follows the caller.
        return _answer(request, ApiError(400, "invalid_request", message=None))
    return _answer(request, ApiError(exc.status_code, "http_error", message=str(exc) or "Error"))


# Ninja types a handler's exception as "instance or class"; ours receive instances.
api.add_exception_handler(ApiError, cast(Any, _api_error))
api.add_exception_handler(Http404, cast(Any, _not_found))
api.add_exception_handler(ValidationError, cast(Any, _invalid))
api.add_exception_handler(HttpError, cast(Any, _http_error))
