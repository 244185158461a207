"""Enrolling in bulk: the CSV import's checks, all or nothing, write scope, own cohorts only."""

from __future__ import annotations

from bilan.jobs.models import Job
from bilan.schools.models import Enrolment

from .conftest import make_user

ROW = {
    "email": "lea@etu.example.org",
    "first_name": "Léa",
    "last_name": "Martin",
    "company": "Coopérative Terres du Rhône",
    "start": "2026-04-06",
    "end": "2026-08-28",
}


def _rows(*emails: str) -> dict:
    return {"rows": [{**ROW, "email": email} for email in emails]}


def test_write_token_enrols_invites_and_links(api, school):
    existing = make_user("sam@etu.example.org", first_name="Sam", last_name="Durand")
    body = _rows("lea@etu.example.org", "sam@etu.example.org")
    body["rows"][1].update(first_name="Sam", last_name="Durand", start="06/04/2026")
    response = api.post(f"/cohorts/{school.cohort.pk}/enrolments", school.write, body)
    assert response.status_code == 201, response.content
    result = response.json()
    assert (result["created"], result["linked"], result["invitations"]) == (1, 1, 1)
    assert {e["email"] for e in result["enrolments"]} == {ROW["email"], existing.email}
    enrolments = Enrolment.objects.filter(cohort=school.cohort)
    assert enrolments.count() == 2
    assert enrolments.get(email=existing.email).dossier is not None
    assert Job.objects.filter(kind="schools.enrolment_invite").count() == 1
    # Sent again: nothing new, nothing duplicated.
    again = api.post(f"/cohorts/{school.cohort.pk}/enrolments", school.write, body).json()
    assert again["unchanged"] == 2 and again["created"] == 0
    assert Enrolment.objects.filter(cohort=school.cohort).count() == 2


def test_one_bad_row_imports_nothing_and_says_where(api, school):
    body = _rows("lea@etu.example.org", "not-an-email", "zoe@etu.example.org")
    body["rows"][2]["end"] = "2026-01-01"  # before the start
    response = api.post(
        f"/cohorts/{school.cohort.pk}/enrolments", school.write, body, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 422
    error = response.json()
    assert error["code"] == "invalid_rows"
    assert error["message"] == "Some rows are invalid: nothing was imported."
    where = {(e["row"], e["field"]) for e in error["errors"]}
    assert (1, "email") in where and (2, "end") in where
    assert all(e["message"] for e in error["errors"])
    # The import's own messages, in the caller's language too.
    assert "is not a valid e-mail address" in next(
        e["message"] for e in error["errors"] if e["field"] == "email"
    )
    assert not Enrolment.objects.exists()
    assert not Job.objects.exists()


def test_schema_errors_point_at_the_row(api, school):
    body = {"rows": [ROW, {k: v for k, v in ROW.items() if k != "company"}]}
    response = api.post(f"/cohorts/{school.cohort.pk}/enrolments", school.write, body)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_request"
    assert response.json()["errors"][0]["row"] == 1
    assert not Enrolment.objects.exists()


def test_limits(api, school, settings):
    empty = api.post(f"/cohorts/{school.cohort.pk}/enrolments", school.write, {"rows": []})
    assert empty.status_code == 422 and empty.json()["code"] == "no_rows"
    settings.BILAN_ENROLMENT_MAX_ROWS = 2
    many = api.post(
        f"/cohorts/{school.cohort.pk}/enrolments",
        school.write,
        _rows("a@x.org", "b@x.org", "c@x.org"),
    )
    assert many.status_code == 422 and many.json()["code"] == "too_many_rows"
    assert "2" in many.json()["message"]
    assert not Enrolment.objects.exists()


def test_read_token_and_other_organisation_change_nothing(api, school, other):
    read = api.post(f"/cohorts/{school.cohort.pk}/enrolments", school.read, _rows("a@x.org"))
    assert read.status_code == 403 and read.json()["code"] == "scope_insufficient"
    foreign = api.post(f"/cohorts/{school.cohort.pk}/enrolments", other.write, _rows("a@x.org"))
    assert foreign.status_code == 404 and foreign.json()["code"] == "not_found"
    assert not Enrolment.objects.exists()
    assert not Job.objects.exists()
