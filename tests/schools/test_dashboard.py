"""The referent's cohort dashboard: access, whole-cohort counts, filters and sorts across pages,
exports (CSV and XLSX read back), formula injection, and a query count that does not grow."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from bilan.accounts.models import User
from bilan.dossiers.models import Dossier
from bilan.schools.models import (
    Cohort,
    DossierStatus,
    Enrolment,
    Membership,
    Organisation,
    Programme,
)
from tests.conftest import make_user

_numbers = itertools.count(1)
NOW = dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.UTC)


def new_cohort(name: str = "BUT Info-Com 2026", organisation: Organisation | None = None) -> Cohort:
    organisation = organisation or Organisation.objects.create(name="IUT de Lyon")
    programme = Programme.objects.create(organisation=organisation, name="BUT Info-Com")
    return Cohort.objects.create(programme=programme, name=name, join_code=f"CODE{next(_numbers)}")


def enrol(
    cohort: Cohort,
    first_name: str,
    last_name: str,
    *,
    company: str = "Coopérative Terres du Rhône",
    joined: bool = True,
    invited: bool = True,
    email: str | None = None,
    **status,
) -> Enrolment:
    """An intern of the cohort; joined ones have a dossier and the DossierStatus given."""
    number = next(_numbers)
    email = email or f"{first_name.lower()}.{last_name.lower()}.{number}@example.org"
    enrolment = Enrolment(
        cohort=cohort,
        email=email,
        first_name=first_name,
        last_name=last_name,
        invited_at=NOW - dt.timedelta(days=30) if invited or joined else None,
    )
    submitted_at = status.pop("submitted_at", None)
    if joined:
        user = User.objects.create_user(email=email, password=None)
        dossier = Dossier.objects.create(
            owner=user,
            organisation=company,
            start_date=dt.date(2026, 4, 6),
            end_date=dt.date(2026, 8, 28),
        )
        DossierStatus.objects.create(dossier=dossier, **status)
        enrolment.user = user
        enrolment.dossier = dossier
        enrolment.joined_at = NOW - dt.timedelta(days=20)
        enrolment.submitted_at = submitted_at
    enrolment.save()
    return enrolment


def enrol_many(cohort: Cohort, count: int, start: int = 0) -> None:
    """`count` joined interns in a few queries (bulk), with varied statuses."""
    users = User.objects.bulk_create(
        User(email=f"bulk{start + i}-{cohort.pk}@example.org") for i in range(count)
    )
    dossiers = Dossier.objects.bulk_create(
        Dossier(
            owner=user,
            organisation=f"Entreprise {i % 7}",
            start_date=dt.date(2026, 4, 6),
            end_date=dt.date(2026, 8, 28),
        )
        for i, user in enumerate(users)
    )
    DossierStatus.objects.bulk_create(
        DossierStatus(
            dossier=dossier,
            readiness=(i * 13) % 101,
            feedback_requested=i % 4,
            feedback_answered=i % 3 if i % 3 <= i % 4 else 0,
            tutor_evaluation_received=i % 5 == 0,
            meeting_at=NOW + dt.timedelta(days=i % 10) if i % 2 else None,
            last_activity_at=NOW - dt.timedelta(hours=i),
        )
        for i, dossier in enumerate(dossiers)
    )
    Enrolment.objects.bulk_create(
        Enrolment(
            cohort=cohort,
            email=user.email,
            first_name=f"Prénom{start + i:05d}",
            last_name=f"Nom{start + i:05d}",
            user=user,
            dossier=dossier,
            invited_at=NOW,
            joined_at=NOW,
            submitted_at=NOW if i % 3 == 0 else None,
        )
        for i, (user, dossier) in enumerate(zip(users, dossiers, strict=True))
    )


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def cohort(db) -> Cohort:
    return new_cohort()


@pytest.fixture
def referent(cohort) -> User:
    user = make_user("referente@iut.example.org", first_name="Rita", last_name="Référente")
    Membership.objects.create(
        organisation=cohort.programme.organisation, user=user, role=Membership.Role.REFERENT
    )
    cohort.referents.add(user)
    return user


@pytest.fixture
def referent_client(referent) -> Client:
    return client_for(referent)


def url(cohort: Cohort, name: str = "dashboard") -> str:
    return reverse(f"cohorts:{name}", args=[cohort.pk])


def names(response) -> list[str]:
    return [f"{row['last_name']} {row['first_name']}" for row in response.context["rows"]]


# --- access ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["dashboard", "export_csv", "export_xlsx"])
def test_referent_and_admin_reach_the_cohort_others_get_404(cohort, referent, name):
    enrol(cohort, "Camille", "Moreau", readiness=40)
    admin = make_user("admin@iut.example.org")
    Membership.objects.create(
        organisation=cohort.programme.organisation, user=admin, role=Membership.Role.ADMIN
    )
    assert client_for(referent).get(url(cohort, name)).status_code == 200
    assert client_for(admin).get(url(cohort, name)).status_code == 200

    # A referent of another cohort of the same organisation, an intern of this cohort, an
    # admin of another organisation: 404 on GET and POST.
    other_cohort = new_cohort("Autre promotion", organisation=cohort.programme.organisation)
    other_referent = make_user("autre@iut.example.org")
    other_cohort.referents.add(other_referent)
    intern = Enrolment.objects.get(cohort=cohort).user
    other_admin = make_user("admin@ailleurs.example.org")
    Membership.objects.create(
        organisation=Organisation.objects.create(name="Ailleurs"),
        user=other_admin,
        role=Membership.Role.ADMIN,
    )
    for outsider in (other_referent, intern, other_admin):
        client = client_for(outsider)
        assert client.get(url(cohort, name)).status_code == 404
        assert client.post(url(cohort, name)).status_code == 404
    # The other cohort's referent reaches theirs.
    assert client_for(other_referent).get(url(other_cohort, name)).status_code == 200

    anonymous = Client().get(url(cohort, name))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_unknown_cohort_is_404(referent_client):
    assert referent_client.get("/cohorts/999999/").status_code == 404


# --- the page ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_rows_show_where_each_intern_stands(cohort, referent_client):
    enrol(
        cohort,
        "Camille",
        "Moreau",
        company="Coopérative Terres du Rhône",
        readiness=65,
        feedback_requested=3,
        feedback_answered=2,
        tutor_evaluation_received=True,
        meeting_at=dt.datetime(2026, 9, 3, 12, 30, tzinfo=dt.UTC),
        last_activity_at=dt.datetime(2026, 6, 14, 8, 0, tzinfo=dt.UTC),
        submitted_at=dt.datetime(2026, 8, 30, 9, 0, tzinfo=dt.UTC),
    )
    enrol(cohort, "Inès", "Pending", joined=False, email="ines@example.org")

    response = referent_client.get(url(cohort))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Moreau Camille" in html
    assert "Coopérative Terres du Rhône" in html
    assert "65 %" in html
    assert "2 / 3" in html
    assert "03/09/2026 14:30" in html  # Europe/Paris
    assert "30/08/2026" in html
    assert "14/06/2026" in html
    assert "invitation en attente" in html
    rows = {row["last_name"]: row for row in response.context["rows"]}
    assert rows["Moreau"]["tutor_evaluation"] is True
    assert rows["Pending"]["has_dossier"] is False
    assert rows["Pending"]["readiness"] == 0
    assert rows["Pending"]["company_shown"] == ""
    # Each joined intern links to the referent's page of that intern.
    moreau = Enrolment.objects.get(cohort=cohort, last_name="Moreau")
    assert rows["Moreau"]["url"] == reverse("schools:intern", args=[cohort.pk, moreau.pk])
    assert rows["Moreau"]["url"] in html


@pytest.mark.django_db
def test_page_in_english(cohort, referent, referent_client):
    enrol(cohort, "Camille", "Moreau", readiness=10)
    referent.language = "en"
    referent.save()
    html = referent_client.get(url(cohort)).content.decode()
    assert "Tutor evaluation" in html
    assert "Export as CSV" in html
    assert "Évaluation du tuteur" not in html


@pytest.mark.django_db
def test_summary_counts_the_whole_cohort_not_the_page(cohort, referent_client):
    enrol_many(cohort, 120)
    enrol(cohort, "Inès", "Invitée", joined=False)
    enrol(cohort, "Noé", "Nonvu", joined=False, invited=False)

    response = referent_client.get(url(cohort) + "?per_page=25&q=Nom0000")
    summary = response.context["summary"]
    statuses = DossierStatus.objects.filter(dossier__enrolment__cohort=cohort)
    enrolments = Enrolment.objects.filter(cohort=cohort)
    assert summary["interns"] == 122 == enrolments.count()
    assert summary["joined"] == 120
    assert summary["invited"] == 1
    assert summary["not_invited"] == 1
    assert summary["feedback_requested"] == sum(s.feedback_requested for s in statuses)
    assert summary["feedback_answered"] == sum(s.feedback_answered for s in statuses)
    assert summary["tutor_evaluations"] == statuses.filter(tutor_evaluation_received=True).count()
    assert summary["meetings"] == statuses.filter(meeting_at__isnull=False).count()
    assert summary["submitted"] == enrolments.filter(submitted_at__isnull=False).count() == 40
    readiness = [s.readiness for s in statuses] + [0, 0]  # no dossier yet: 0 %
    buckets = dict(response.context["buckets"])
    assert buckets["0–24 %"] == sum(1 for r in readiness if r < 25)
    assert buckets["25–49 %"] == sum(1 for r in readiness if 25 <= r < 50)
    assert buckets["50–74 %"] == sum(1 for r in readiness if 50 <= r < 75)
    assert buckets["75–100 %"] == sum(1 for r in readiness if r >= 75)
    assert sum(buckets.values()) == 122
    # The page itself is filtered: ten names match "Nom0000".
    assert response.context["page"].paginator.count == 10


@pytest.mark.django_db
def test_sorting_spans_every_page(cohort, referent_client):
    enrol_many(cohort, 60)
    expected = list(
        DossierStatus.objects.filter(dossier__enrolment__cohort=cohort)
        .order_by("readiness", "dossier__enrolment__last_name")
        .values_list("readiness", flat=True)
    )
    seen = []
    for number in (1, 2, 3):
        response = referent_client.get(url(cohort) + f"?sort=readiness&per_page=25&page={number}")
        seen += [row["readiness"] for row in response.context["rows"]]
    assert seen == expected
    assert len(seen) == 60

    response = referent_client.get(url(cohort) + "?sort=-readiness&per_page=25")
    assert [row["readiness"] for row in response.context["rows"]] == sorted(expected)[::-1][:25]

    response = referent_client.get(url(cohort) + "?sort=-name&per_page=25&page=3")
    assert names(response)[-1] == "Nom00000 Prénom00000"
    response = referent_client.get(url(cohort) + "?sort=name&per_page=25")
    assert names(response)[0] == "Nom00000 Prénom00000"

    # Last activity: i hours ago, so the oldest is the last one created.
    response = referent_client.get(url(cohort) + "?sort=activity&per_page=25")
    assert names(response)[0] == "Nom00059 Prénom00059"
    response = referent_client.get(url(cohort) + "?sort=-activity&per_page=25")
    assert names(response)[0] == "Nom00000 Prénom00000"


@pytest.mark.django_db
def test_never_active_comes_last_in_both_directions(cohort, referent_client):
    enrol(cohort, "Ada", "Active", last_activity_at=NOW)
    enrol(cohort, "Zoé", "Zen")  # no activity
    enrol(cohort, "Iris", "Invitée", joined=False)
    for sort in ("activity", "-activity"):
        response = referent_client.get(url(cohort) + f"?sort={sort}")
        assert names(response) == ["Active Ada", "Invitée Iris", "Zen Zoé"]


@pytest.mark.django_db
def test_filters_span_every_page_and_links_keep_them(cohort, referent_client):
    enrol_many(cohort, 90)
    statuses = DossierStatus.objects.filter(dossier__enrolment__cohort=cohort)
    below = statuses.filter(readiness__lt=30).count()
    response = referent_client.get(url(cohort) + "?readiness_below=30&per_page=25")
    assert response.context["page"].paginator.count == below
    collected = []
    for number in range(1, response.context["page"].paginator.num_pages + 1):
        page = referent_client.get(url(cohort) + f"?readiness_below=30&per_page=25&page={number}")
        collected += [row["readiness"] for row in page.context["rows"]]
    assert len(collected) == below and all(r < 30 for r in collected)
    html = response.content.decode()
    assert "readiness_below=30" in html.split("export.csv", 1)[1].split('"', 1)[0]
    assert "?readiness_below=30&amp;per_page=25&amp;page=2" in html

    response = referent_client.get(url(cohort) + "?readiness_from=80")
    assert response.context["page"].paginator.count == statuses.filter(readiness__gte=80).count()
    assert all(row["readiness"] >= 80 for row in response.context["rows"])

    response = referent_client.get(url(cohort) + "?missing_tutor_evaluation=on&per_page=200")
    assert response.context["page"].paginator.count == 72  # every fifth one has it
    assert not any(row["tutor_evaluation"] for row in response.context["rows"])

    response = referent_client.get(url(cohort) + "?not_submitted=on")
    assert response.context["page"].paginator.count == 60


@pytest.mark.django_db
def test_not_joined_search_and_combined_filters(cohort, referent_client):
    enrol(cohort, "Camille", "Moreau", company="Vignobles Durand", readiness=20)
    enrol(cohort, "Hugo", "Martin", company="Mairie de Lyon", readiness=70)
    enrol(cohort, "Inès", "Nouvelle", joined=False, email="ines.n@ecole.example.org")

    def found(query: str) -> list[str]:
        return names(referent_client.get(url(cohort) + "?" + query))

    assert found("not_joined=on") == ["Nouvelle Inès"]
    assert found("q=vignobles") == ["Moreau Camille"]
    assert found("q=ECOLE.example") == ["Nouvelle Inès"]
    assert found("q=hugo+lyon") == ["Martin Hugo"]
    assert found("q=camille+lyon") == []
    assert found("readiness_below=50&missing_tutor_evaluation=on") == [
        "Moreau Camille",
        "Nouvelle Inès",
    ]
    assert found("readiness_below=50&not_joined=on&sort=-name") == ["Nouvelle Inès"]
    response = referent_client.get(url(cohort) + "?q=personne")
    assert "Aucun stagiaire ne correspond à ces filtres." in response.content.decode()


@pytest.mark.django_db
def test_bad_filter_input_is_explained_not_a_500(cohort, referent_client):
    enrol(cohort, "Camille", "Moreau", readiness=20)
    enrol(cohort, "Hugo", "Martin", readiness=70)
    response = referent_client.get(
        url(cohort) + "?readiness_below=abc&readiness_from=500&sort=evil&page=xyz&per_page=7"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Saisissez un nombre entier." in html
    assert "inférieure ou égale à 100" in html
    # The invalid filters are left out: both interns are listed, in the default order.
    assert names(response) == ["Martin Hugo", "Moreau Camille"]

    export = referent_client.get(url(cohort, "export_csv") + "?readiness_below=abc")
    assert export.status_code == 302
    assert export["Location"] == url(cohort) + "?readiness_below=abc"


@pytest.mark.django_db
def test_htmx_gets_the_results_only(cohort, referent_client):
    enrol(cohort, "Camille", "Moreau")
    response = referent_client.get(url(cohort) + "?q=cam", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="dashboard-results">')
    assert "Moreau Camille" in html
    assert "<html" not in html


@pytest.mark.django_db
def test_intern_link_when_the_route_exists(cohort, referent_client, settings):
    """The lead wires `schools:intern`; with it, each name links to the intern's page."""
    enrolment = enrol(cohort, "Camille", "Moreau")
    settings.ROOT_URLCONF = "tests.schools.urls_with_intern"
    response = referent_client.get(url(cohort))
    expected = f"/cohorts/{cohort.pk}/interns/{enrolment.pk}/"
    assert response.context["rows"][0]["url"] == expected
    assert f'href="{expected}"' in response.content.decode()


# --- query count -------------------------------------------------------------------------


def _queries_for(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        assert response.status_code == 200
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["", "?sort=-readiness&readiness_below=60&q=nom&missing_tutor_evaluation=on&page=2"],
)
def test_query_count_does_not_grow_with_the_cohort(query, referent_client):
    small = new_cohort("Petite")
    large = new_cohort("Grande")
    for cohort in (small, large):
        cohort.referents.add(User.objects.get(email="referente@iut.example.org"))
    enrol_many(small, 10)
    enrol_many(large, 200, start=10)
    for path in (url(small) + query, url(small, "export_csv") + query):
        large_path = path.replace(f"/{small.pk}/", f"/{large.pk}/")
        assert _queries_for(referent_client, path) == _queries_for(referent_client, large_path)
    # And a fixed number: session, user, the cohort and role, the count, the page, the summary.
    assert _queries_for(referent_client, url(large) + query) <= 7


# --- exports -----------------------------------------------------------------------------


def _export_cohort(cohort: Cohort) -> None:
    enrol(
        cohort,
        "Élodie",
        "Dupré",
        company="Crème & Brûlée",
        readiness=55,
        feedback_requested=2,
        feedback_answered=1,
        tutor_evaluation_received=True,
        meeting_at=dt.datetime(2026, 9, 3, 12, 30, tzinfo=dt.UTC),
        last_activity_at=dt.datetime(2026, 6, 14, 8, 0, tzinfo=dt.UTC),
        submitted_at=dt.datetime(2026, 8, 30, 9, 0, tzinfo=dt.UTC),
    )
    enrol(cohort, '=HYPERLINK("http://x")', "+Malin", company="@SUM(A1)", readiness=5)
    enrol(cohort, "Inès", "-Attente", joined=False, email="ines@example.org")


@pytest.mark.django_db
def test_csv_export_has_a_bom_french_headers_and_every_filtered_row(cohort, referent_client):
    _export_cohort(cohort)
    enrol_many(cohort, 60)
    response = referent_client.get(url(cohort, "export_csv") + "?per_page=25&page=2&sort=name")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="but-info-com-2026-' in response["Content-Disposition"]
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [
        "Nom",
        "Prénom",
        "E-mail",
        "Entreprise",
        "Préparation (%)",
        "Retours demandés",
        "Retours reçus",
        "Évaluation du tuteur reçue",
        "Entretien",
        "Synthèse remise le",
        "Dernière activité",
        "Inscription",
    ]
    assert len(rows) == 1 + 63  # every page, not the one the link came from
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Dupré"] == [
        "Dupré",
        "Élodie",
        by_name["Dupré"][2],
        "Crème & Brûlée",
        "55",
        "2",
        "1",
        "oui",
        "2026-09-03 14:30",
        "2026-08-30 11:00",
        "2026-06-14 10:00",
        "inscrit",
    ]
    # Formula starts are neutralised, in every text column.
    assert by_name["'+Malin"][1] == '\'=HYPERLINK("http://x")'
    assert by_name["'+Malin"][3] == "'@SUM(A1)"
    assert by_name["'-Attente"][4] == ""  # no dossier: no readiness
    assert by_name["'-Attente"][11] == "invitation en attente"

    filtered = referent_client.get(url(cohort, "export_csv") + "?readiness_below=50&not_joined=on")
    lines = list(csv.reader(io.StringIO(b"".join(filtered.streaming_content).decode("utf-8-sig"))))
    assert [row[0] for row in lines[1:]] == ["'-Attente"]


@pytest.mark.django_db
def test_csv_export_headers_in_english(cohort, referent, referent_client):
    _export_cohort(cohort)
    referent.language = "en"
    referent.save()
    response = referent_client.get(url(cohort, "export_csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Last name", "First name", "Email", "Company"]
    assert "Tutor evaluation received" in rows[0]
    assert {row[11] for row in rows[1:]} == {"joined", "invitation pending"}


@pytest.mark.django_db
def test_xlsx_export_reads_back_with_types_and_no_formula(cohort, referent_client):
    _export_cohort(cohort)
    enrol_many(cohort, 40)
    response = referent_client.get(url(cohort, "export_xlsx") + "?sort=-readiness&page=2")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="but-info-com-2026-' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Nom", "Prénom", "E-mail", "Entreprise", "Préparation (%)")
    assert len(rows) == 1 + 43
    readiness = [row[4] for row in rows[1:] if row[4] is not None]
    assert readiness == sorted(readiness, reverse=True)  # the asked sort, over every page
    dupre = next(row for row in rows if row[0] == "Dupré")
    assert dupre[1] == "Élodie"
    assert dupre[3] == "Crème & Brûlée"
    assert dupre[4:8] == (55, 2, 1, "oui")
    # Local time (Europe/Paris), as real date cells without a time zone.
    assert dupre[8] == dt.datetime(2026, 9, 3, 14, 30, tzinfo=dt.UTC).replace(tzinfo=None)
    assert dupre[9] == dt.datetime(2026, 8, 30, 11, 0, tzinfo=dt.UTC).replace(tzinfo=None)
    # No cell is a formula; the hostile ones are text with a leading apostrophe.
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
    malin = next(row for row in rows if row[0] == "'+Malin")
    assert malin[1] == '\'=HYPERLINK("http://x")'
    assert malin[3] == "'@SUM(A1)"


@pytest.mark.django_db
def test_export_refused_over_the_limit(cohort, referent_client, settings):
    settings.BILAN_DASHBOARD = {**settings.BILAN_DASHBOARD, "export_max_rows": 2}
    _export_cohort(cohort)
    response = referent_client.get(url(cohort, "export_xlsx") + "?sort=name", follow=True)
    assert "export est limité à 2 stagiaires : affinez les filtres." in response.content.decode()
    # Filtered under the limit, it goes through.
    ok = referent_client.get(url(cohort, "export_csv") + "?not_joined=on")
    assert ok.status_code == 200


def test_cell_neutralise():
    from bilan.schools.dashboard_export import cell_neutralise

    assert cell_neutralise("=1+1") == "'=1+1"
    assert cell_neutralise("+33 6 12") == "'+33 6 12"
    assert cell_neutralise("-x") == "'-x"
    assert cell_neutralise("@x") == "'@x"
    assert cell_neutralise("\tx") == "'\tx"
    assert cell_neutralise("Crème = brûlée") == "Crème = brûlée"
    assert cell_neutralise("") == ""
