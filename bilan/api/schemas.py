"""What the API reads and writes, as pydantic models: the OpenAPI schema is generated from them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Generic, Literal, TypeVar

from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field

T = TypeVar("T")

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _iso_only(value: Any) -> Any:
    # Pydantic would also read "1700000000" or "0.5" as Unix timestamps: a date is ISO 8601.
    if isinstance(value, str) and not _ISO_DATE.match(value):
        raise ValueError("expected an ISO 8601 date-time, e.g. 2026-05-12T08:00:00Z")
    return value


def _utc(value: dt.datetime) -> dt.datetime:
    # In UTC (a date without offset is read as UTC): PostgreSQL refuses offsets past ±16 h,
    # and a year-1 date with a positive offset falls before the first representable instant.
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError("date-time out of range") from None


IsoDateTime = Annotated[dt.datetime, BeforeValidator(_iso_only), AfterValidator(_utc)]


class ErrorDetail(Schema):
    field: str = Field(description="The faulty field, e.g. `email` or `query.limit`.")
    message: str
    row: int | None = Field(None, description="Index in `rows` (from 0) for enrolment rows.")


class ErrorOut(Schema):
    code: str = Field(description="Stable: clients may branch on it.", examples=["not_found"])
    message: str = Field(description="For a person, in the caller's language (fr or en).")
    errors: list[ErrorDetail] | None = None


class Page(Schema, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="Pass it as `cursor` for the next page; null on the last page."
    )


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    default_language: str
    contact_email: str
    created_at: dt.datetime
    updated_at: dt.datetime


class ProgrammeOut(Schema):
    id: int
    organisation_id: int
    name: str
    level: str
    created_at: dt.datetime
    updated_at: dt.datetime


class CohortOut(Schema):
    id: int
    programme_id: int
    name: str
    year: int | None
    join_code: str = Field(description="Interns join the cohort with this code.")
    join_open: bool
    created_at: dt.datetime
    updated_at: dt.datetime


class StatusOut(Schema):
    """What the school sees of a dossier; nothing the intern keeps private."""

    enrolment_id: int
    readiness: int = Field(ge=0, le=100, description="Percent of the method's checklist done.")
    objectives_total: int
    objectives_reviewed: int
    feedback_requested: int
    feedback_answered: int
    tutor_evaluation_received: bool | None = Field(
        description="Null unless the intern shares their tutor's evaluation with the school."
    )
    meeting_at: dt.datetime | None
    synthesis_submitted: bool
    synthesis_submitted_at: dt.datetime | None
    updated_at: dt.datetime


class EnrolmentOut(Schema):
    id: int
    cohort_id: int
    email: str
    first_name: str
    last_name: str
    referent_email: str | None
    company: str = Field(description="The internship as the school's file gave it.")
    service: str
    start: dt.date | None
    end: dt.date | None
    tutor_name: str
    tutor_email: str
    invited_at: dt.datetime | None
    joined_at: dt.datetime | None = Field(description="Null until the intern has a dossier.")
    status: StatusOut | None = Field(description="Null until the intern has joined.")
    created_at: dt.datetime
    updated_at: dt.datetime = Field(
        description="The later of the enrolment's and its dossier status's last change."
    )


# Text a spreadsheet cell can hold: no control characters (PostgreSQL refuses NUL outright).
_CELL = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


def _cell(description: str = "", *, required: bool = True, max_length: int = 1000) -> Any:
    if required:
        return Field(max_length=max_length, pattern=_CELL, description=description or None)
    return Field("", max_length=max_length, pattern=_CELL, description=description or None)


class EnrolmentRowIn(Schema):
    """One intern, the columns of the CSV import (same checks, same messages)."""

    email: str = _cell()
    first_name: str = _cell()
    last_name: str = _cell()
    company: str = _cell("The host organisation.")
    start: str = _cell("2026-05-12 or 12/05/2026.", max_length=100)
    end: str = _cell(max_length=100)
    service: str = _cell(required=False)
    tutor_name: str = _cell(required=False)
    tutor_email: str = _cell(required=False)
    referent_email: str = _cell(required=False)


class EnrolmentsIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "rows": [
                        {
                            "email": "lea.martin@etu.example.org",
                            "first_name": "Léa",
                            "last_name": "Martin",
                            "company": "Coopérative Terres du Rhône",
                            "start": "2026-04-06",
                            "end": "2026-08-28",
                            "tutor_name": "Claire Dubois",
                            "tutor_email": "claire.dubois@example.com",
                        }
                    ]
                }
            ]
        }
    )

    rows: list[EnrolmentRowIn] = Field(
        description="All are imported or none: any error leaves the cohort unchanged."
    )


class EnrolmentsImported(Schema):
    created: int
    linked: int
    updated: int
    unchanged: int
    invitations: int
    enrolments: list[EnrolmentOut]


class SectionOut(Schema):
    key: str
    heading: str
    text: str = Field(description="Markdown, as the intern wrote it.")


class SynthesisOut(Schema):
    enrolment_id: int
    version: int
    language: Literal["fr", "en"]
    sections: list[SectionOut]
    submitted_at: dt.datetime | None
    updated_at: dt.datetime
