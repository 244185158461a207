"""Account exports as ZIP files: writing one, and reading one without trusting it.

An export is `export.json` plus every stored file under `files/`, each listed in the JSON with
its SHA-256 and size. Reading refuses, before anything is written: a file that is not a ZIP,
members outside the expected names (absolute paths, "..", backslashes), too many members, too
much uncompressed data or a suspicious compression ratio (zip bombs, checked from the directory
and again while inflating), an unknown format or schema version, and JSON that does not match
the schema.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, Any

import jsonschema
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from .records import FORMAT, VERSION, ExportData, ImportRefused

logger = logging.getLogger(__name__)

JSON_NAME = "export.json"
CHUNK = 1024 * 1024
SCHEMA_PATH = Path(__file__).parent / "schema" / "export-v1.json"
# What a member may be called: export.json, or files/dossier-N/kind-N.ext as the export names them.
MEMBER = re.compile(
    r"^(export\.json|files/dossier-\d{1,6}/[a-z_]{1,20}-\d{1,7}(\.[a-z0-9]{1,10})?)$"
)


def limits() -> dict[str, int]:
    return settings.BILAN_PRIVACY_LIMITS


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def export_write(data: ExportData, target: IO[bytes]) -> None:
    """Write the ZIP: each stored file streamed from storage with its checksum, then the JSON."""
    checksums: dict[str, dict[str, Any]] = {}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for stored in data.files:
            digest = hashlib.sha256()
            size = 0
            try:
                source = default_storage.open(stored.storage_name, "rb")
            except FileNotFoundError:
                # Lost from storage (deleted by hand, a restore without files): the record is
                # exported without it rather than the whole export failing.
                logger.warning("Export: %s is missing from storage", stored.storage_name)
                continue
            with source, archive.open(stored.member, "w", force_zip64=True) as member:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    member.write(chunk)
            checksums[stored.member] = {"sha256": digest.hexdigest(), "size": size}
        for dossier in data.document["dossiers"]:
            for collection in ("traces", "mailbox_imports"):
                for item in dossier[collection]:
                    if item.get("file"):
                        found = checksums.get(item["file"]["path"])
                        item["file"] = {**item["file"], **found} if found else None
        text = json.dumps(data.document, ensure_ascii=False, indent=1, sort_keys=True)
        archive.writestr(JSON_NAME, text.encode("utf-8"))


@dataclass
class ExportReader:
    """An opened, vetted export: its document, and its files read on demand with checks."""

    archive: zipfile.ZipFile
    document: dict[str, Any]
    expected: dict[str, dict[str, Any]]

    def file_copy(self, member: str) -> IO[bytes]:
        """The member in a temporary file, refused unless its size and checksum match."""
        info = self.expected.get(member)
        if info is None:
            raise ImportRefused(
                _("Le fichier %(name)s n'est pas décrit dans l'export.") % {"name": member}
            )
        spool = tempfile.SpooledTemporaryFile(max_size=8 * CHUNK)  # noqa: SIM115 — returned
        digest = hashlib.sha256()
        size = 0
        try:
            with self.archive.open(member) as source:
                while chunk := source.read(CHUNK):
                    size += len(chunk)
                    if size > info["size"]:
                        raise ImportRefused(
                            _("Le fichier %(name)s est plus gros qu'annoncé.") % {"name": member}
                        )
                    digest.update(chunk)
                    spool.write(chunk)
        except (KeyError, zipfile.BadZipFile, OSError, EOFError) as exc:
            spool.close()
            raise ImportRefused(
                _("Le fichier %(name)s est illisible dans l'archive.") % {"name": member}
            ) from exc
        except ImportRefused:
            spool.close()
            raise
        if size != info["size"] or digest.hexdigest() != info["sha256"]:
            spool.close()
            raise ImportRefused(
                _("Le fichier %(name)s ne correspond pas à sa somme de contrôle.")
                % {"name": member}
            )
        spool.seek(0)
        return spool

    def close(self) -> None:
        self.archive.close()


def _file_entries(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for dossier in document.get("dossiers", []):
        for collection in ("traces", "mailbox_imports"):
            for item in dossier.get(collection, []):
                if item.get("file"):
                    yield item["file"]


def export_open(source: IO[bytes] | str | Path) -> ExportReader:
    """Open and vet an export ZIP; raises ImportRefused with a message for the user."""
    cap = limits()
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportRefused(_("Ce fichier n'est pas une archive ZIP lisible.")) from exc
    try:
        infos = archive.infolist()
        if len(infos) > cap["import_members"]:
            raise ImportRefused(
                _("L'archive contient trop de fichiers (%(count)s, au plus %(limit)s).")
                % {"count": len(infos), "limit": cap["import_members"]}
            )
        total = 0
        names = set()
        for info in infos:
            if not MEMBER.match(info.filename) or info.filename in names:
                raise ImportRefused(
                    _("L'archive contient un nom de fichier inattendu : %(name)s.")
                    % {"name": info.filename[:200]}
                )
            names.add(info.filename)
            if info.flag_bits & 0x1:
                raise ImportRefused(_("L'archive est chiffrée."))
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > cap["import_uncompressed_bytes"] or (
                info.file_size > 1024 * 1024 and ratio > cap["import_ratio"]
            ):
                raise ImportRefused(
                    _("L'archive se décompresse en beaucoup trop de données : refusée.")
                )
        if JSON_NAME not in names:
            raise ImportRefused(_("Ce ZIP n'est pas un export Bilan (export.json manquant)."))
        info = archive.getinfo(JSON_NAME)
        if info.file_size > cap["import_json_bytes"]:
            raise ImportRefused(_("Le fichier export.json est trop gros."))
        try:
            with archive.open(info) as member:
                raw = member.read(cap["import_json_bytes"] + 1)
            if len(raw) > cap["import_json_bytes"]:
                raise ImportRefused(_("Le fichier export.json est trop gros."))
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise ImportRefused(_("Le fichier export.json n'est pas du JSON valide.")) from exc
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise ImportRefused(_("Ce fichier n'est pas une archive ZIP lisible.")) from exc
        document_check(document)
        expected: dict[str, dict[str, Any]] = {}
        for entry in _file_entries(document):
            path = entry["path"]
            if path not in names or path in expected:
                raise ImportRefused(
                    _("Le fichier %(name)s annoncé dans l'export manque dans l'archive.")
                    % {"name": path[:200]}
                )
            expected[path] = entry
        return ExportReader(archive=archive, document=document, expected=expected)
    except BaseException:
        archive.close()
        raise


def document_check(document: Any) -> None:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportRefused(_("Ce ZIP n'est pas un export Bilan."))
    if document.get("version") != VERSION:
        raise ImportRefused(
            _("Version d'export non prise en charge : %(found)s (attendue : %(expected)s).")
            % {"found": str(document.get("version"))[:20], "expected": VERSION}
        )
    validator = jsonschema.Draft202012Validator(schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "/"
        raise ImportRefused(
            _("L'export ne respecte pas son schéma (%(where)s) : %(error)s")
            % {"where": where[:200], "error": error.message[:300]}
        )
