"""The enrolment core: reading the school's CSV, checking every line, importing all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from bilan.dossiers.models import Dossier
from bilan.jobs.models import Job
from bilan.schools.enrolment import (
    JOB_INVITE,
    EnrolmentFileError,
    EnrolmentRow,
    enrolment_csv_read,
    enrolment_rows_check,
    enrolment_rows_import,
)
from bilan.schools.models import Cohort, Enrolment, Programme
from tests.conftest import make_user

from .enrolment_fixtures import *  # noqa: F403

D = dt.date


# --- Reading ---------------------------------------------------------------------------------


def test_french_headers_semicolons_bom_and_accents_are_read():
    data = (
        "\ufeffE-mail;Prénom;NOM;Entreprise;Service;Début;FIN;Nom du tuteur;"
        "E-mail du tuteur;e-mail du referent;Remarque\r\n"
        "lea@example.org;Léa;Martin;Coopérative;Com;2026-05-12;31/07/2026;Sophie L;"
        "sophie@example.org;;à voir\r\n"
    ).encode()
    rows = enrolment_csv_read(data)
    assert rows == [
        {
            "email": "lea@example.org",
            "first_name": "Léa",
            "last_name": "Martin",
            "company": "Coopérative",
            "service": "Com",
            "start": "2026-05-12",
            "end": "31/07/2026",
            "tutor_name": "Sophie L",
            "tutor_email": "sophie@example.org",
            "referent_email": "",
        }
    ]


def test_excel_windows_encoding_is_read():
    data = csv_bytes(  # noqa: F405
        "zoe@example.org,Zoé,Lefèvre,Crédit Agricole,,2026-05-12,2026-07-31,,,",
        encoding="cp1252",
    )
    (row,) = enrolment_csv_read(data)
    assert row["first_name"] == "Zoé" and row["company"] == "Crédit Agricole"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "vide"),
        (b"   \n\n", "vide"),
        (b"PK\x03\x04rest-of-a-zip", "classeur"),
        (b"e\x00m\x00a\x00i\x00l\x00", "CSV lisible"),
        (b"email,first_name\nx@example.org,X\n", "Colonnes obligatoires absentes"),
        (b"email,e-mail,first_name,last_name,company,start,end\n", "deux fois"),
        (csv_bytes().rstrip(), "aucun stagiaire"),  # noqa: F405
    ],
)
def test_unreadable_files_get_a_clear_message(db, data, expected):
    with translation.override("fr"), pytest.raises(EnrolmentFileError) as caught:
        enrolment_csv_read(data)
    assert expected in caught.value.messages[0]


def test_missing_columns_are_named_in_english_too():
    with translation.override("en"), pytest.raises(EnrolmentFileError) as caught:
        enrolment_csv_read(b"email;first_name\nx@example.org;X\n")
    message = caught.value.messages[0]
    assert "Required columns missing" in message and "nom / last_name" in message


def test_size_and_row_limits_come_from_settings(settings):
    settings.BILAN_ENROLMENT_MAX_ROWS = 2
    line = "a{}@example.org,A,B,C,,2026-05-12,2026-07-31,,,"
    enrolment_csv_read(csv_bytes(*(line.format(i) for i in range(2))))  # noqa: F405
    with pytest.raises(EnrolmentFileError, match="plus de 2 stagiaires"):
        enrolment_csv_read(csv_bytes(*(line.format(i) for i in range(3))))  # noqa: F405
    settings.BILAN_ENROLMENT_MAX_BYTES = 100
    with pytest.raises(EnrolmentFileError, match="taille maximale"):
        enrolment_csv_read(csv_bytes(line.format(0), line.format(1)))  # noqa: F405


@hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_never_raise_anything_but_a_clean_error(data):
    try:
        rows = enrolment_csv_read(data)
    except EnrolmentFileError as error:
        assert error.messages and all(message.strip() for message in error.messages)
    else:
        assert isinstance(rows, list) and all(isinstance(row, dict) for row in rows)


@hsettings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(
            st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12), max_size=12
        ),
        max_size=6,
    )
)
def test_random_csv_text_after_a_valid_header_never_breaks_the_reader(cells):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER.split(","))  # noqa: F405
    writer.writerows(cells)
    try:
        enrolment_csv_read(buffer.getvalue().encode())
    except EnrolmentFileError:
        pass


# --- Checking --------------------------------------------------------------------------------


def test_every_problem_on_every_line_with_spreadsheet_line_numbers(cohort, referent):
    rows = enrolment_csv_read(
        csv_bytes(  # noqa: F405
            "lea@example.org,Léa,Martin,Coop,,2026-05-12,31/07/2026,,,marc.duval@iut.example.edu",
            "pas-un-email,,Martin,Coop,,2026-13-40,2026-07-31,,tuteur@,",
            "",
            "LEA@example.org,Léa,Bis,Coop,,12/05/2026,01/05/2026,,,inconnu@example.org",
            "tom@example.org,Tom,Petit,,,,,,,",
        )
    )
    with translation.override("fr"):
        good, errors = enrolment_rows_check(cohort, rows)
    assert [row.email for row in good] == ["lea@example.org"]
    assert good[0].start == D(2026, 5, 12) and good[0].end == D(2026, 7, 31)
    assert good[0].line == 2 and good[0].referent_email == "marc.duval@iut.example.edu"
    found = {(error.line, error.field) for error in errors}
    assert found == {
        (3, "email"),
        (3, "first_name"),
        (3, "start"),
        (3, "tutor_email"),
        (5, "email"),  # duplicate of line 2, whatever the case
        (5, "end"),  # before the start
        (5, "referent_email"),  # not staff of the organisation
        (6, "company"),
        (6, "start"),
        (6, "end"),
    }
    messages = {(error.line, error.field): error.message for error in errors}
    assert "ligne 2" in messages[(5, "email")]
    assert "2026-13-40" in messages[(3, "start")]
    assert "inconnu@example.org" in messages[(5, "referent_email")]


def test_errors_are_in_the_active_language(cohort):
    rows = [
        {
            "email": "x@example.org",
            "first_name": "X",
            "last_name": "Y",
            "company": "C",
            "start": "demain",
            "end": "2026-07-31",
        }
    ]
    with translation.override("en"):
        _, errors = enrolment_rows_check(cohort, rows)
    assert "“demain” is not a date" in errors[0].message
    assert errors[0].column == "début / start"


def test_too_long_values_are_line_errors_not_crashes(cohort):
    rows = [
        {
            "email": "x@example.org",
            "first_name": "X" * 151,
            "last_name": "Y",
            "company": "C" * 201,
            "start": "2026-05-12",
            "end": "2026-07-31",
        }
    ]
    good, errors = enrolment_rows_check(cohort, rows)
    assert not good and {error.field for error in errors} == {"first_name", "company"}


def test_an_admin_may_be_named_as_referent(cohort, admin):
    rows = [
        {
            "email": "x@example.org",
            "first_name": "X",
            "last_name": "Y",
            "company": "C",
            "start": "2026-05-12",
            "end": "2026-07-31",
            "referent_email": admin.email.upper(),
        }
    ]
    good, errors = enrolment_rows_check(cohort, rows)
    assert not errors and good[0].referent_email == admin.email


# --- Importing -------------------------------------------------------------------------------


def _row(line: int, email: str, **extra) -> EnrolmentRow:
    data = {
        "first_name": "Léa",
        "last_name": "Martin",
        "company": "Coopérative Terres du Rhône",
        "start": D(2026, 4, 6),
        "end": D(2026, 8, 28),
    }
    data.update(extra)
    return EnrolmentRow(line=line, email=email, **data)


def test_import_creates_links_and_invites_and_is_idempotent(cohort, referent, admin):
    existing = make_user("camille@example.org", first_name="Camille", last_name="Moreau")
    own = dossier_for(existing, "coopérative terres du rhône", D(2026, 4, 1), D(2026, 6, 30))  # noqa: F405
    newcomer = make_user("noa@example.org", first_name="Noa")
    rows = [
        _row(
            2,
            "lea@example.org",
            service="Com",
            tutor_name="Sophie",
            tutor_email="s@example.org",
            referent_email=referent.email,
        ),
        _row(3, "camille@example.org", first_name="Camille", last_name="Moreau"),
        _row(
            4,
            "noa@example.org",
            first_name="Noa",
            last_name="Blanc",
            company="Autre SA",
            referent_email=referent.email,
        ),
    ]
    result = enrolment_rows_import(cohort, rows, invited_by=admin)
    assert (
        result.created,
        result.linked,
        result.updated,
        result.unchanged,
        result.invitations,
    ) == (1, 2, 0, 0, 1)
    with translation.override("fr"):
        assert result.summary() == (
            "1 créé, 2 liés à un compte existant, 0 mis à jour, 0 inchangés, 1 invitation"
        )
    lea = Enrolment.objects.get(email="lea@example.org")
    assert lea.user is None and lea.dossier is None
    assert (lea.company, lea.service, lea.start_date, lea.tutor_email, lea.referent) == (
        "Coopérative Terres du Rhône",
        "Com",
        D(2026, 4, 6),
        "s@example.org",
        referent,
    )
    job = Job.objects.get(kind=JOB_INVITE)
    assert job.payload == {"enrolment_id": lea.pk, "invited_by_id": admin.pk}
    # The existing account's overlapping dossier for that company is linked, not duplicated.
    camille = Enrolment.objects.get(email="camille@example.org")
    assert camille.dossier == own and camille.user == existing and camille.joined_at
    assert Dossier.objects.filter(owner=existing).count() == 1
    # The other account gets a dossier made from the line.
    noa = Enrolment.objects.get(email="noa@example.org")
    dossier = noa.dossier
    assert dossier is not None and dossier.owner == newcomer
    assert (dossier.organisation, dossier.start_date, dossier.end_date) == (
        "Autre SA",
        D(2026, 4, 6),
        D(2026, 8, 28),
    )
    assert (dossier.school, dossier.programme) == ("IUT Lyon 3", "BUT Information-Communication")
    assert (dossier.referent_name, dossier.referent_email) == ("Marc Duval", referent.email)
    assert cohort.referents.filter(pk=referent.pk).exists()

    # The same file again changes nothing.
    before = (Enrolment.objects.count(), Dossier.objects.count(), Job.objects.count())
    again = enrolment_rows_import(cohort, rows)
    assert (again.created, again.linked, again.updated, again.unchanged, again.invitations) == (
        0,
        0,
        0,
        3,
        0,
    )
    assert (Enrolment.objects.count(), Dossier.objects.count(), Job.objects.count()) == before

    # A changed line updates the enrolment only (the intern's dossier is theirs).
    rows[2] = _row(
        4,
        "noa@example.org",
        first_name="Noa",
        last_name="Blanc-Roux",
        company="Autre SA",
        referent_email=referent.email,
    )
    changed = enrolment_rows_import(cohort, rows)
    assert (changed.updated, changed.unchanged) == (1, 2)
    noa.refresh_from_db()
    assert noa.last_name == "Blanc-Roux" and noa.dossier == dossier


def test_an_invited_intern_who_creates_an_account_is_linked_on_reimport(cohort):
    rows = [_row(2, "lea@example.org")]
    enrolment_rows_import(cohort, rows)
    lea = make_user("lea@example.org")
    result = enrolment_rows_import(cohort, rows)
    assert result.linked == 1 and result.invitations == 0
    enrolment = Enrolment.objects.get()
    assert enrolment.user == lea and enrolment.dossier.owner == lea


def test_a_dossier_enrolled_elsewhere_is_a_line_error_and_nothing_is_written(cohort):
    camille = make_user("camille@example.org")
    other = Cohort.objects.create(
        programme=Programme.objects.create(organisation=cohort.programme.organisation, name="LP"),
        name="LP 2026",
        join_code="OTHER1",
    )
    dossier = dossier_for(camille, "Coop", D(2026, 4, 1), D(2026, 6, 30))  # noqa: F405
    Enrolment.objects.create(cohort=other, email=camille.email, user=camille, dossier=dossier)
    raw = [
        {
            "email": "new@example.org",
            "first_name": "N",
            "last_name": "N",
            "company": "X",
            "start": "2026-04-01",
            "end": "2026-06-30",
        },
        {
            "email": "camille@example.org",
            "first_name": "C",
            "last_name": "M",
            "company": "COOP",
            "start": "2026-05-01",
            "end": "2026-07-30",
        },
    ]
    good, errors = enrolment_rows_check(cohort, raw)
    assert [(error.line, error.field) for error in errors] == [(3, "company")]
    assert [row.email for row in good] == ["new@example.org"]
    # Handed the unchecked line anyway, the import refuses the whole batch.
    rows = [_row(2, "new@example.org"), _row(3, "camille@example.org", company="Coop")]
    with pytest.raises(ValidationError):
        enrolment_rows_import(cohort, rows)
    assert not cohort.enrolments.exists() and not Job.objects.exists()


def test_the_example_file_of_the_readme_imports(cohort, organisation):
    from pathlib import Path

    from bilan.schools.models import Membership

    example = Path(__file__).resolve().parents[2] / "bilan/schools/data/example_enrolment.csv"
    referent = make_user("referent@bilan.local")
    Membership.objects.create(organisation=organisation, user=referent, role="referent")
    rows, errors = enrolment_rows_check(cohort, enrolment_csv_read(example.read_bytes()))
    assert not errors and len(rows) == 2
    result = enrolment_rows_import(cohort, rows)
    assert (result.created, result.invitations) == (2, 2)
