"""What the API reads and writes, as pydantic models: the OpenAPI schema is generated from them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Generic, Literal, TypeVar

from ninja import Schema
from pydantic import BeforeValidator, Field

T = TypeVar("T")

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _iso_only(value: Any) -> Any:
    # Pydantic would also read "1700000000" or "0.5" as Unix timestamps: a date is ISO 8601.
    if isinstance(value, str) and not _ISO_DATE.match(value):
        raise ValueError("expected an ISO 8601 date-time, e.g. 2026-05-12T08:00:00Z")
    return value


IsoDateTime = Annotated[dt.datetime, BeforeValidator(_iso_only)]


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
    invited_at: dt.datetime | None
    joined_at: dt.datetime | None = Field(description="Null until the intern has a dossier.")
    status: StatusOut | None = Field(description="Null until the intern has joined.")
    created_at: dt.datetime
    updated_at: dt.datetime = Field(
        description="The later of the enrolment's and its dossier status's last change."
    )


class EnrolmentRowIn(Schema):
    """One intern, the columns of the CSV import (same checks, same messages)."""

    email: str = Field(max_length=1000)
    first_name: str = Field(max_length=1000)
    last_name: str = Field(max_length=1000)
    company: str = Field(max_length=1000, description="The host organisation.")
    start: str = Field(max_length=100, description="2026-05-12 or 12/05/2026.")
    end: str = Field(max_length=100)
    service: str = Field("", max_length=1000)
    tutor_name: str = Field("", max_length=1000)
    tutor_email: str = Field("", max_length=1000)
    referent_email: str = Field("", max_length=1000)


class EnrolmentsIn(Schema):
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
