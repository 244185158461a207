from __future__ import annotations

import io

import jsonschema
import pytest

from bilan.accounts.models import User
from bilan.dossiers.models import Dossier
from bilan.evidence.models import Trace
from bilan.jobs.models import Job
from bilan.privacy import archive
from bilan.privacy.services import account_export, account_import

from .conftest import read_zip, storage_names


def export_bytes(user) -> bytes:
    target = io.BytesIO()
    account_export(user=user, target=target)
    return target.getvalue()


def test_export_is_complete_and_valid(full_account):
    document, files = read_zip(export_bytes(full_account))
    jsonschema.Draft202012Validator.check_schema(archive.schema())
    jsonschema.validate(document, archive.schema())
    [dossier] = document["dossiers"]
    assert document["account"]["email"] == full_account.email
    assert dossier["attestation"]["presence_hours"] == "735.50"
    assert dossier["rehearsal_plan"]["length_minutes"] == 12 and dossier["rehearsal_notes"]
    targets = ("objective", "skill", "example", "highlight")
    assert len(dossier["proofs"]) >= 2
    for proof in dossier["proofs"]:
        assert proof["trace"] >= 1 and sum(proof[t] is not None for t in targets) == 1
    for key in (
        "objectives",
        "journal",
        "skills",
        "examples",
        "highlights",
        "progress_axes",
        "traces",
        "feedback_requests",
        "mailbox_imports",
        "access_log",
    ):
        assert dossier[key], key
    assert dossier["synthesis"]["versions"] and dossier["feelings"] is not None
    assert any(r["answer"] for r in dossier["feedback_requests"])
    # No database id: references are numbers within the export, or natural keys.
    assert "id" not in dossier and all("id" not in o for o in dossier["objectives"])
    ratings = [
        r for q in dossier["feedback_requests"] if q["answer"] for r in q["answer"]["ratings"]
    ]
    assert ratings and all(":" not in r["key"] for r in ratings)
    assert all("token_hash" not in q for q in dossier["feedback_requests"])
    # Every stored file is in the ZIP, with the checksum the JSON announces.
    traces_with_files = Trace.objects.exclude(file="").count()
    entries = [t["file"] for t in dossier["traces"] if t["file"]]
    entries += [m["file"] for m in dossier["mailbox_imports"] if m["file"]]
    assert len([e for e in entries if "trace-" in e["path"]]) == traces_with_files > 0
    assert set(files) == {e["path"] for e in entries}
    import hashlib

    for entry in entries:
        assert hashlib.sha256(files[entry["path"]]).hexdigest() == entry["sha256"]


def _empty_database(user):
    user.delete()
    Job.objects.all().delete()
    for name in storage_names():
        from django.core.files.storage import default_storage

        default_storage.delete(name)
    assert not Dossier.objects.exists() and not Trace.objects.exists() and not storage_names()


def _without_date(document):
    return {k: v for k, v in document.items() if k != "exported_at"}


@pytest.mark.django_db(transaction=True)
def test_round_trip_into_an_empty_database(full_account):
    first = export_bytes(full_account)
    email = full_account.email
    _empty_database(full_account)

    user, dossiers = account_import(source=io.BytesIO(first))
    assert user.email == email and not user.has_usable_password() and len(dossiers) == 1
    second = export_bytes(User.objects.get(email=email))

    doc1, files1 = read_zip(first)
    doc2, files2 = read_zip(second)
    assert _without_date(doc2) == _without_date(doc1)
    assert files2 == files1


def test_enrolments_sharing_and_rater_answers_are_exported_without_ids(small_account):
    from bilan.dossiers.models import Dossier as DossierModel
    from bilan.schools.models import AccessLog

    from .test_erase import organisation_for, other_dossier, rater_answer

    dossier = DossierModel.objects.get(owner=small_account)
    organisation_for(dossier, "anonymise")
    enrolment = dossier.enrolment
    enrolment.share_journal = True
    enrolment.save()
    AccessLog.objects.create(
        dossier=dossier, actor=None, actor_label="Réf <r@x.org>", role="referent", what="journal"
    )
    rater_answer(other_dossier(), small_account.email)

    document, _files = read_zip(export_bytes(small_account))
    [item] = document["enrolments"]
    assert item["organisation"] == "École anonymise" and item["dossier"] == 1
    assert item["share_journal"] is True and item["share_traces"] is False
    assert "invitation_token_hash" not in item and "id" not in item
    [answer] = document["rater_answers"]
    assert answer["intern"] == "Zoé" and answer["answer"]["comment"] == "Bravo Camille"
    assert answer["answer"]["ratings"] == [{"label": "Ponctualité", "value": "tres_bien"}]
    [log] = document["dossiers"][0]["access_log"]
    assert log["what"] == "journal" and log["actor_label"] == "Réf <r@x.org>"


def test_a_file_lost_from_storage_does_not_break_the_export(small_account):
    from django.core.files.storage import default_storage

    trace = Trace.objects.get()
    default_storage.delete(trace.file.name)
    document, files = read_zip(export_bytes(small_account))
    assert document["dossiers"][0]["traces"][0]["file"] is None and files == {}
    jsonschema.validate(document, archive.schema())
