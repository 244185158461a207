"""A malformed or hostile ZIP gets a clear message and changes nothing."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile

from bilan.accounts.models import User
from bilan.dossiers.models import Dossier
from bilan.evidence.models import Trace
from bilan.privacy.records import ImportRefused
from bilan.privacy.services import account_export, account_import

from .conftest import storage_names


@pytest.fixture
def export_zip(small_account) -> bytes:
    dossier = Dossier.objects.get(owner=small_account)
    trace = Trace(dossier=dossier, source="upload", title="Second", filename="b.txt")
    trace.file.save("b.txt", ContentFile(b"second file " * 100), save=False)
    trace.size = trace.file.size
    trace.save()
    target = io.BytesIO()
    account_export(user=small_account, target=target)
    return target.getvalue()


def rebuild(data: bytes, change) -> bytes:
    """The same ZIP with members changed by ``change(name, bytes) -> [(name, bytes)]``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            for new_name, content in change(name, src.read(name)):
                dst.writestr(new_name, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def refused(data: bytes, match: str, email: str = "new@example.org") -> None:
    users, dossiers, files = User.objects.count(), Dossier.objects.count(), storage_names()
    with pytest.raises(ImportRefused, match=match):
        account_import(source=io.BytesIO(data), email=email)
    assert (User.objects.count(), Dossier.objects.count()) == (users, dossiers)
    assert storage_names() == files


def with_document(data: bytes, edit) -> bytes:
    def change(name, content):
        if name == "export.json":
            document = json.loads(content)
            edit(document)
            content = json.dumps(document).encode()
        return [(name, content)]

    return rebuild(data, change)


def test_not_a_zip(db):
    refused(b"hello", "pas une archive ZIP lisible")


def test_path_traversal_is_refused(export_zip):
    evil = rebuild(
        export_zip,
        lambda n, c: [(n, c)] + ([("../../etc/evil", b"x")] if n == "export.json" else []),
    )
    refused(evil, "nom de fichier inattendu")
    absolute = rebuild(
        export_zip, lambda n, c: [(n, c), ("/etc/evil", b"x")] if n == "export.json" else [(n, c)]
    )
    refused(absolute, "nom de fichier inattendu")


def test_zip_bomb_is_refused(export_zip, settings):
    bomb = rebuild(
        export_zip,
        lambda n, c: (
            [(n, c)]
            + ([("files/dossier-1/trace-9.bin", b"\0" * 20_000_000)] if n == "export.json" else [])
        ),
    )
    refused(bomb, "beaucoup trop de données")
    settings.BILAN_PRIVACY_LIMITS = {
        **settings.BILAN_PRIVACY_LIMITS,
        "import_uncompressed_bytes": 1000,
    }
    refused(export_zip, "beaucoup trop de données")


def test_wrong_version_and_wrong_schema(export_zip):
    refused(
        with_document(export_zip, lambda d: d.update(version=99)),
        "Version d'export non prise en charge",
    )
    refused(with_document(export_zip, lambda d: d.update(format="other")), "pas un export Bilan")
    refused(with_document(export_zip, lambda d: d.update(dossiers="nope")), "schéma")
    refused(with_document(export_zip, lambda d: d["dossiers"][0].pop("traces")), "schéma")
    refused(
        rebuild(export_zip, lambda n, c: [(n, b"{not json" if n == "export.json" else c)]),
        "JSON valide",
    )
    refused(
        rebuild(export_zip, lambda n, c: [] if n == "export.json" else [(n, c)]),
        "export.json manquant",
    )


def test_missing_or_tampered_file_rolls_everything_back(export_zip):
    last = sorted(
        n for n in zipfile.ZipFile(io.BytesIO(export_zip)).namelist() if n.startswith("files/")
    )[-1]
    refused(
        rebuild(export_zip, lambda n, c: [] if n == last else [(n, c)]), "manque dans l'archive"
    )
    # The first file is stored before the second fails its checksum: it is removed again.
    refused(
        rebuild(export_zip, lambda n, c: [(n, c[:-1] + b"!" if n == last else c)]),
        "somme de contrôle",
    )


def test_import_refuses_an_account_that_has_dossiers(export_zip, small_account):
    refused(export_zip, "déjà des dossiers", email=small_account.email)


def test_message_in_english(db):
    from django.utils import translation

    with translation.override("en"), pytest.raises(ImportRefused, match="not a readable ZIP"):
        account_import(source=io.BytesIO(b"x"), email="x@example.org")


def test_values_a_field_refuses_roll_everything_back(export_zip):
    def bad_date(document):
        document["dossiers"][0]["start_date"] = "not a date"

    refused(with_document(export_zip, bad_date), "valeur invalide")

    def bad_number(document):
        document["dossiers"][0]["traces"][0]["size"] = "many"

    refused(with_document(export_zip, bad_number), "valeur invalide")
