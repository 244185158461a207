"""Reading: every endpoint, the organisation's walls, cursors, filters, ETags."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from bilan.schools.models import Cohort, DossierStatus, Enrolment, Programme

from .conftest import make_user


def test_organisation_programmes_cohorts(api, school, other):
    organisations = api.get("/organisations", school.read).json()
    assert [o["id"] for o in organisations["items"]] == [school.organisation.pk]
    assert organisations["next_cursor"] is None
    one = api.get(f"/organisations/{school.organisation.pk}", school.read).json()
    assert one["name"] == "IUT Lumière" and one["updated_at"]
    programmes = api.get("/programmes", school.read).json()["items"]
    assert [p["id"] for p in programmes] == [school.programme.pk]
    assert api.get(f"/programmes/{school.programme.pk}", school.read).json()["name"] == (
        "BUT IUT Lumière"
    )
    cohorts = api.get("/cohorts", school.read).json()["items"]
    assert [(c["id"], c["join_code"]) for c in cohorts] == [(school.cohort.pk, "LUMIERE2026")]
    cohort = api.get(f"/cohorts/{school.cohort.pk}", school.read).json()
    assert cohort["programme_id"] == school.programme.pk and cohort["year"] == 2026


@pytest.mark.parametrize(
    "path",
    [
        "/organisations/{organisation}",
        "/programmes/{programme}",
        "/cohorts/{cohort}",
        "/enrolments/{enrolment}",
        "/enrolments/{enrolment}/status",
        "/enrolments/{enrolment}/synthesis",
        "/enrolments/{enrolment}/synthesis/pdf",
        "/enrolments/{enrolment}/synthesis/docx",
        "/enrolments/{enrolment}/attestation",
    ],
)
def test_another_organisations_objects_are_not_found(api, school, other, rival_enrolment, path):
    url = path.format(
        organisation=other.organisation.pk,
        programme=other.programme.pk,
        cohort=other.cohort.pk,
        enrolment=rival_enrolment.pk,
    )
    response = api.get(url, school.write)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    # ...exactly as an id that does not exist at all.
    missing = api.get(
        path.format(organisation=999, programme=999, cohort=999, enrolment=999), school.write
    )
    assert missing.status_code == 404 and missing.json() == response.json()


def test_another_organisations_lists_show_nothing_of_ours(api, school, other, enrolled):
    for path in ("/organisations", "/programmes", "/cohorts", "/enrolments"):
        items = api.get(path, other.read).json()["items"]
        ours = {school.organisation.pk} if path == "/organisations" else set()
        assert all(item["id"] not in ours for item in items)
    assert api.get("/enrolments", other.read).json()["items"] == []
    assert api.get(f"/enrolments?cohort={school.cohort.pk}", other.read).json()["items"] == []


def test_enrolment_and_status_show_only_what_is_shared(api, school, enrolled, invited):
    body = api.get(f"/enrolments/{enrolled.pk}", school.read).json()
    assert body["email"] == "camille@example.org"
    status = body["status"]
    assert status["readiness"] == 60
    assert (status["feedback_requested"], status["feedback_answered"]) == (4, 2)
    assert status["meeting_at"] is not None
    assert status["tutor_evaluation_received"] is None  # not shared by the intern
    assert status["synthesis_submitted"] is False
    Enrolment.objects.filter(pk=enrolled.pk).update(share_tutor_evaluation=True)
    status = api.get(f"/enrolments/{enrolled.pk}/status", school.read).json()
    assert status["tutor_evaluation_received"] is True
    assert status["enrolment_id"] == enrolled.pk
    # Invited, not joined: no status yet.
    assert api.get(f"/enrolments/{invited.pk}", school.read).json()["status"] is None
    refused = api.get(f"/enrolments/{invited.pk}/status", school.read)
    assert refused.status_code == 404 and refused.json()["code"] == "not_joined"


def test_etag_and_if_none_match(api, school, enrolled):
    path = f"/enrolments/{enrolled.pk}"
    first = api.get(path, school.read)
    etag = first["ETag"]
    assert etag.startswith('"')
    again = api.get(path, school.read, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert api.get(path, school.read, HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304
    assert api.get(path, school.read, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    # The dossier moves on: a new version, a new ETag.
    status = DossierStatus.objects.get(dossier=enrolled.dossier)
    status.readiness = 80
    status.save()
    changed = api.get(path, school.read, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["status"]["readiness"] == 80
    for item in (
        f"/cohorts/{school.cohort.pk}",
        f"/programmes/{school.programme.pk}",
        f"/organisations/{school.organisation.pk}",
        f"{path}/status",
    ):
        tag = api.get(item, school.read)["ETag"]
        assert api.get(item, school.read, HTTP_IF_NONE_MATCH=tag).status_code == 304


def _many(school, count: int) -> list[Enrolment]:
    return [
        Enrolment.objects.create(
            cohort=school.cohort,
            email=f"intern{n}@example.org",
            first_name=f"I{n}",
            last_name="Test",
        )
        for n in range(count)
    ]


def test_cursor_pages_cover_everything_once_in_update_order(api, school):
    created = _many(school, 7)
    # Same updated_at for some: the id breaks ties, nothing is lost or repeated.
    same = timezone.now() - dt.timedelta(days=1)
    Enrolment.objects.filter(pk__in=[e.pk for e in created[:4]]).update(updated_at=same)
    seen, cursor, pages = [], None, 0
    while True:
        query = "/enrolments?limit=3" + (f"&cursor={cursor}" if cursor else "")
        body = api.get(query, school.read).json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert sorted(seen) == sorted(e.pk for e in created) and len(seen) == len(set(seen))
    assert seen[:4] == sorted(e.pk for e in created[:4])


def test_an_object_changed_between_pages_is_read_again_not_skipped(api, school):
    created = _many(school, 4)
    first = api.get("/enrolments?limit=2", school.read).json()
    assert [i["id"] for i in first["items"]] == [created[0].pk, created[1].pk]
    Enrolment.objects.filter(pk=created[0].pk).update(updated_at=timezone.now())
    rest = api.get(f"/enrolments?limit=10&cursor={first['next_cursor']}", school.read).json()
    assert [i["id"] for i in rest["items"]] == [created[2].pk, created[3].pk, created[0].pk]


def test_forged_or_broken_cursor_is_400(api, school):
    for cursor in ("abc", "W1siMjAyNiJd:xyz:abc", "x" * 300):
        response = api.get(f"/enrolments?cursor={cursor}", school.read)
        assert response.status_code == 400
        assert response.json()["code"] == "invalid_cursor"


def test_filters(api, school, enrolled, invited):
    other_cohort = Cohort.objects.create(
        programme=school.programme, name="Autre", join_code="AUTRE1"
    )
    elsewhere = Enrolment.objects.create(cohort=other_cohort, email="zoe@example.org")

    def ids(query):
        response = api.get("/enrolments" + query, school.read)
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["items"]}

    assert ids("") == {enrolled.pk, invited.pk, elsewhere.pk}
    assert ids(f"?cohort={school.cohort.pk}") == {enrolled.pk, invited.pk}
    assert ids("?readiness_min=50") == {enrolled.pk}
    assert ids("?readiness_max=59") == {invited.pk, elsewhere.pk}
    assert ids("?readiness_min=60&readiness_max=60") == {enrolled.pk}
    later = timezone.now() + dt.timedelta(seconds=1)
    Enrolment.objects.filter(pk=invited.pk).update(updated_at=later + dt.timedelta(minutes=1))
    since = later.isoformat().replace("+00:00", "Z")
    assert ids(f"?updated_since={since}") == {invited.pk}
    # A status change alone makes the enrolment "updated" for sync.
    DossierStatus.objects.filter(dossier=enrolled.dossier).update(
        updated_at=later + dt.timedelta(minutes=2)
    )
    assert ids(f"?updated_since={since}") == {invited.pk, enrolled.pk}
    bad = api.get("/enrolments?readiness_min=101", school.read, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 422
    assert bad.json()["code"] == "invalid_request"
    assert bad.json()["errors"][0]["field"].endswith("readiness_min")
    cohorts = api.get(f"/cohorts?programme={school.programme.pk}", school.read).json()["items"]
    assert {c["id"] for c in cohorts} == {school.cohort.pk, other_cohort.pk}
    programmes = api.get(f"/programmes?updated_since={since}", school.read).json()["items"]
    assert programmes == []
    Programme.objects.filter(pk=school.programme.pk).update(
        updated_at=later + dt.timedelta(hours=1)
    )
    programmes = api.get(f"/programmes?updated_since={since}", school.read).json()["items"]
    assert [p["id"] for p in programmes] == [school.programme.pk]


def test_page_size_is_capped_by_settings(api, school, settings):
    settings.BILAN_API_MAX_PAGE_SIZE = 2
    _many(school, 3)
    body = api.get("/enrolments?limit=100", school.read).json()
    assert len(body["items"]) == 2 and body["next_cursor"]


def test_referent_email_and_unknown_api_address(api, school, invited):
    referent = make_user("ref@example.org")
    Enrolment.objects.filter(pk=invited.pk).update(referent=referent)
    assert api.get(f"/enrolments/{invited.pk}", school.read).json()["referent_email"] == (
        "ref@example.org"
    )
    response = api.get("/no/such/thing", school.read)
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_wrong_method_is_a_json_405_with_allow(client, school):
    response = client.put(
        "/api/v1/enrolments", HTTP_AUTHORIZATION=f"Bearer {school.write}", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert response["Allow"] == "GET"


def test_odd_dates_are_read_in_utc_or_refused_never_a_500(api, school):
    odd = api.get("/organisations?updated_since=1811-05-10T18:48:22%2B18:06", school.read)
    assert odd.status_code == 200 and len(odd.json()["items"]) == 1
    naive = api.get("/organisations?updated_since=2000-01-01T00:00:00", school.read)
    assert naive.status_code == 200 and len(naive.json()["items"]) == 1
    for value in ("0001-01-01T00:00:00%2B10:00", "1700000000", "0.5", "yesterday"):
        response = api.get(f"/organisations?updated_since={value}", school.read)
        assert response.status_code == 422, value
        assert response.json()["code"] == "invalid_request"


def test_a_renamed_programme_comes_back_in_the_sync(api, school):
    from bilan.schools.organisations import programme_update

    before = api.get(f"/programmes/{school.programme.pk}", school.read).json()["updated_at"]
    programme_update(programme=school.programme, name="BUT Info-Com", level="2e année")
    since = before.replace("+00:00", "Z")
    changed = api.get(f"/programmes?updated_since={since}", school.read).json()["items"]
    assert [p["name"] for p in changed] == ["BUT Info-Com"]
    assert changed[0]["updated_at"] > before
