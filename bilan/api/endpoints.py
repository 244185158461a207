"""The endpoints of /api/v1/: read the organisation, its programmes, cohorts and interns; enrol
interns in bulk; read what each intern shares with the school and the synthesis they handed in.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.http import parse_etags
from ninja import Path, Query, Router
from pydantic import BaseModel

from bilan.documents.docx_output import render_docx
from bilan.documents.limits import DocumentTooLarge
from bilan.documents.model import TRAME, TRAME_HEADINGS, Language
from bilan.documents.pdf_output import render_pdf_with_pages
from bilan.schools.attestation import attestation_filename, attestation_pdf
from bilan.schools.enrolment import enrolment_rows_check, enrolment_rows_import
from bilan.schools.enrolment import max_rows as enrolment_max_rows
from bilan.schools.models import Enrolment
from bilan.synthesis.services import CONTENT_TYPES, synthesis_document

from . import serialise
from .auth import request_token, write_token
from .errors import ApiError
from .pagination import page
from .schemas import (
    CohortOut,
    EnrolmentOut,
    EnrolmentsImported,
    EnrolmentsIn,
    ErrorOut,
    IsoDateTime,
    OrganisationOut,
    Page,
    ProgrammeOut,
    StatusOut,
    SynthesisOut,
)
from .services import api_access_log, api_enrolment_delete

router = Router()

# The documented example is also what the fuzzer tries first (tests/api/test_schemathesis.py
# creates objects with this id), so it reaches real objects, not only 404s.
ObjectId = Annotated[int, Path(example=1)]

# Every operation may answer these; the OpenAPI document says so, and the fuzzer checks it.
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 403: ErrorOut}


def _limit(limit: int | None) -> int:
    if limit is None:
        return int(settings.BILAN_API_PAGE_SIZE)
    return min(limit, int(settings.BILAN_API_MAX_PAGE_SIZE))


def item_response(request: HttpRequest, schema: type[BaseModel], data: Any) -> HttpResponse:
    """The object as JSON with a strong ETag; 304 when the caller already has this version."""
    body = schema.model_validate(data).model_dump(mode="json")
    payload = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    etag = '"' + hashlib.sha256(payload).hexdigest()[:40] + '"'
    wanted = request.headers.get("If-None-Match", "")
    # If-None-Match compares weakly: a W/ prefix the client (or a proxy) added still matches.
    matches = {tag.removeprefix("W/") for tag in parse_etags(wanted)} if wanted else set()
    if etag in matches or "*" in matches:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(payload, content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


def _get(queryset: Any, pk: int) -> Any:
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise ApiError(404, "not_found")
    return found


# --- Organisations, programmes, cohorts ------------------------------------------------------


@router.get(
    "/organisations",
    response={200: Page[OrganisationOut], **ERRORS},
    summary="The token's organisation (a list of one)",
    tags=["organisations"],
)
def organisations_list(
    request: HttpRequest,
    cursor: str | None = None,
    limit: int | None = Query(None, ge=1),
    updated_since: IsoDateTime | None = None,
) -> Any:
    token = request_token(request)
    queryset = serialise.organisations(token)
    if updated_since:
        queryset = queryset.filter(updated_at__gte=updated_since)
    return page(queryset, cursor=cursor, limit=_limit(limit), serialise=serialise.organisation_out)


@router.get(
    "/organisations/{organisation_id}",
    response={200: OrganisationOut, 304: None, **ERRORS},
    tags=["organisations"],
)
def organisation_get(request: HttpRequest, organisation_id: ObjectId) -> Any:
    found = _get(serialise.organisations(request_token(request)), organisation_id)
    return item_response(request, OrganisationOut, serialise.organisation_out(found))


@router.get("/programmes", response={200: Page[ProgrammeOut], **ERRORS}, tags=["programmes"])
def programmes_list(
    request: HttpRequest,
    cursor: str | None = None,
    limit: int | None = Query(None, ge=1),
    updated_since: IsoDateTime | None = None,
) -> Any:
    queryset = serialise.programmes(request_token(request))
    if updated_since:
        queryset = queryset.filter(updated_at__gte=updated_since)
    return page(queryset, cursor=cursor, limit=_limit(limit), serialise=serialise.programme_out)


@router.get(
    "/programmes/{programme_id}",
    response={200: ProgrammeOut, 304: None, **ERRORS},
    tags=["programmes"],
)
def programme_get(request: HttpRequest, programme_id: ObjectId) -> Any:
    found = _get(serialise.programmes(request_token(request)), programme_id)
    return item_response(request, ProgrammeOut, serialise.programme_out(found))


@router.get("/cohorts", response={200: Page[CohortOut], **ERRORS}, tags=["cohorts"])
def cohorts_list(
    request: HttpRequest,
    cursor: str | None = None,
    limit: int | None = Query(None, ge=1),
    updated_since: IsoDateTime | None = None,
    programme: int | None = None,
) -> Any:
    queryset = serialise.cohorts(request_token(request))
    if programme is not None:
        queryset = queryset.filter(programme_id=programme)
    if updated_since:
        queryset = queryset.filter(updated_at__gte=updated_since)
    return page(queryset, cursor=cursor, limit=_limit(limit), serialise=serialise.cohort_out)


@router.get(
    "/cohorts/{cohort_id}",
    response={200: CohortOut, 304: None, **ERRORS},
    tags=["cohorts"],
)
def cohort_get(request: HttpRequest, cohort_id: ObjectId) -> Any:
    found = _get(serialise.cohorts(request_token(request)), cohort_id)
    return item_response(request, CohortOut, serialise.cohort_out(found))


# --- Enrolments ------------------------------------------------------------------------------


@router.get("/enrolments", response={200: Page[EnrolmentOut], **ERRORS}, tags=["enrolments"])
def enrolments_list(
    request: HttpRequest,
    cursor: str | None = None,
    limit: int | None = Query(None, ge=1),
    updated_since: IsoDateTime | None = None,
    cohort: int | None = None,
    readiness_min: int | None = Query(None, ge=0, le=100),
    readiness_max: int | None = Query(None, ge=0, le=100),
) -> Any:
    """Interns with their dossier status; `readiness_*` count an intern who has not joined as 0."""
    queryset = serialise.enrolments(request_token(request))
    if cohort is not None:
        queryset = queryset.filter(cohort_id=cohort)
    if readiness_min is not None:
        queryset = queryset.filter(readiness_value__gte=readiness_min)
    if readiness_max is not None:
        queryset = queryset.filter(readiness_value__lte=readiness_max)
    if updated_since:
        queryset = queryset.filter(sync_at__gte=updated_since)
    return page(
        queryset,
        cursor=cursor,
        limit=_limit(limit),
        field="sync_at",
        serialise=serialise.enrolment_out,
    )


@router.get(
    "/enrolments/{enrolment_id}",
    response={200: EnrolmentOut, 304: None, **ERRORS},
    tags=["enrolments"],
)
def enrolment_get(request: HttpRequest, enrolment_id: ObjectId) -> Any:
    found = _get(serialise.enrolments(request_token(request)), enrolment_id)
    return item_response(request, EnrolmentOut, serialise.enrolment_out(found))


@router.delete(
    "/enrolments/{enrolment_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Remove an intern from their cohort (their dossier stays theirs)",
    tags=["enrolments"],
)
def enrolment_delete(request: HttpRequest, enrolment_id: ObjectId) -> Any:
    token = write_token(request)
    found = _get(serialise.enrolments(token), enrolment_id)
    api_enrolment_delete(enrolment=found)
    return HttpResponse(status=204)


@router.get(
    "/enrolments/{enrolment_id}/status",
    response={200: StatusOut, 304: None, **ERRORS},
    summary="Where the intern stands (only what they share with the school)",
    tags=["enrolments"],
)
def enrolment_status(request: HttpRequest, enrolment_id: ObjectId) -> Any:
    found = _get(serialise.enrolments(request_token(request)), enrolment_id)
    status = serialise.status_out(found)
    if status is None:
        raise ApiError(404, "not_joined")
    return item_response(request, StatusOut, status)


# --- Enrolling in bulk -----------------------------------------------------------------------


@router.post(
    "/cohorts/{cohort_id}/enrolments",
    response={201: EnrolmentsImported, **WRITE_ERRORS},
    summary="Enrol interns in bulk: the CSV import's columns and checks, all or nothing",
    tags=["enrolments"],
)
def enrolments_create(request: HttpRequest, cohort_id: ObjectId, payload: EnrolmentsIn) -> Any:
    """Interns without an account are invited by e-mail; those with one are linked at once.
    Any invalid row (the same checks and messages as the CSV import) imports nothing: the answer
    lists every error with its row (`row`, from 0) and field."""
    token = write_token(request)
    cohort = _get(serialise.cohorts(token).select_related("programme__organisation"), cohort_id)
    rows = [row.model_dump() for row in payload.rows]
    if not rows:
        raise ApiError(422, "no_rows")
    if len(rows) > enrolment_max_rows():
        raise ApiError(422, "too_many_rows", params={"max": enrolment_max_rows()})
    checked, errors = enrolment_rows_check(cohort, rows)
    if errors:
        raise ApiError(
            422,
            "invalid_rows",
            # The CSV import numbers lines as a spreadsheet does (header = 1); rows count from 0.
            errors=[
                {"row": error.line - 2, "field": error.field, "message": str(error.message)}
                for error in errors
            ],
        )
    try:
        result = enrolment_rows_import(cohort, checked, invited_by=token.created_by)
    except DjangoValidationError as refused:
        raise ApiError(
            422, "rows_conflict", params={"details": " ".join(refused.messages)}
        ) from None
    imported = serialise.enrolments(token).filter(pk__in=[e.pk for e in result.enrolments])
    data = {
        "created": result.created,
        "linked": result.linked,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "invitations": result.invitations,
        "enrolments": [serialise.enrolment_out(e) for e in imported.order_by("pk")],
    }
    body = EnrolmentsImported.model_validate(data).model_dump(mode="json")
    return HttpResponse(
        json.dumps(body, ensure_ascii=False).encode(), status=201, content_type="application/json"
    )


# --- The submitted synthesis -----------------------------------------------------------------


def _submitted(request: HttpRequest, enrolment_id: int) -> Enrolment:
    token = request_token(request)
    enrolment: Enrolment = _get(
        serialise.enrolments(token).select_related("submitted_version__synthesis__dossier__owner"),
        enrolment_id,
    )
    version = enrolment.submitted_version
    # A version of another dossier (the enrolment linked again since) is never shown.
    if version is None or version.synthesis.dossier_id != enrolment.dossier_id:
        raise ApiError(404, "synthesis_not_submitted")
    return enrolment


@router.get(
    "/enrolments/{enrolment_id}/synthesis",
    response={200: SynthesisOut, 304: None, **ERRORS},
    summary="The synthesis the intern handed in, by section",
    tags=["synthesis"],
)
def synthesis_get(request: HttpRequest, enrolment_id: ObjectId) -> Any:
    enrolment = _submitted(request, enrolment_id)
    version = enrolment.submitted_version
    assert version is not None
    dossier = version.synthesis.dossier
    language: Language = "en" if dossier.language == "en" else "fr"
    headings = TRAME_HEADINGS[language]
    data = {
        "enrolment_id": enrolment.pk,
        "version": version.number,
        "language": language,
        "sections": [
            {"key": key, "heading": headings[key], "text": version.sections.get(key, "")}
            for key in TRAME
        ],
        "submitted_at": enrolment.submitted_at,
        "updated_at": enrolment.submitted_at or version.created_at,
    }
    api_access_log(token=request_token(request), enrolment=enrolment, what="synthesis")
    return item_response(request, SynthesisOut, data)


def _document(request: HttpRequest, enrolment_id: int, fmt: str) -> HttpResponse:
    enrolment = _submitted(request, enrolment_id)
    version = enrolment.submitted_version
    assert version is not None
    synthesis = version.synthesis
    document = synthesis_document(
        dossier=synthesis.dossier, version=version, condensed=synthesis.condensed
    )
    try:
        if fmt == "pdf":
            content, _pages = render_pdf_with_pages(document, condensed=synthesis.condensed)
        else:
            content = render_docx(document)
    except DocumentTooLarge as error:
        raise ApiError(
            422, "document_too_large", params={"size": error.size, "limit": error.limit}
        ) from None
    # The intern's access log names the PDF as the staff's download does.
    what = "synthesis_pdf" if fmt == "pdf" else "synthesis"
    api_access_log(token=request_token(request), enrolment=enrolment, what=what)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    filename = f"bilan-{enrolment.pk}-v{version.number}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _file_response(content_type: str) -> dict[str, Any]:
    return {
        "responses": {
            "200": {
                "description": "The document",
                "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


@router.get(
    "/enrolments/{enrolment_id}/synthesis/pdf",
    response=ERRORS,
    summary="The submitted synthesis as PDF",
    tags=["synthesis"],
    openapi_extra=_file_response(CONTENT_TYPES["pdf"]),
)
def synthesis_pdf(request: HttpRequest, enrolment_id: ObjectId) -> HttpResponse:
    return _document(request, enrolment_id, "pdf")


@router.get(
    "/enrolments/{enrolment_id}/synthesis/docx",
    response=ERRORS,
    summary="The submitted synthesis as DOCX",
    tags=["synthesis"],
    openapi_extra=_file_response(CONTENT_TYPES["docx"]),
)
def synthesis_docx(request: HttpRequest, enrolment_id: ObjectId) -> HttpResponse:
    return _document(request, enrolment_id, "docx")


# --- The attestation de stage ----------------------------------------------------------------


@router.get(
    "/enrolments/{enrolment_id}/attestation",
    response=ERRORS,
    summary="The attestation de stage as PDF (the figures the organisation entered)",
    tags=["attestation"],
    openapi_extra=_file_response("application/pdf"),
)
def attestation_get(
    request: HttpRequest, enrolment_id: ObjectId, language: Literal["fr", "en"] | None = None
) -> HttpResponse:
    """In the dossier's language unless `language` says otherwise."""
    token = request_token(request)
    enrolment: Enrolment = _get(serialise.enrolments(token), enrolment_id)
    if enrolment.dossier is None:
        raise ApiError(404, "not_joined")
    dossier = enrolment.dossier
    language = language or ("en" if dossier.language == "en" else "fr")
    pdf = attestation_pdf(dossier=dossier, language=language)
    api_access_log(token=token, enrolment=enrolment, what="attestation")
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = attestation_filename(dossier=dossier, language=language)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
