"""Backup and restore of a whole instance: the database and every file in storage, one archive.

The archive is a ZIP: `manifest.json` (format version, Bilan version, database vendor, when,
each member's SHA-256 and size), the database (`database.sqlite3`, a copy taken with SQLite's
online backup API, or `database.pgdump`, `pg_dump`'s custom format) and the stored files under
`files/` by their storage names. Files are read through the storage API, so S3 works alike.

The database copy is one consistent snapshot; the files are copied after it, so a file added
during the backup may be there without its row (harmless), and one deleted during it may be
missing (the manifest lists what was copied).

Restoring needs an instance without data (no account, dossier or organisation), unless
`force`: the files go into storage first, then the database is replaced in one go
(`pg_restore --single-transaction`, or SQLite's backup API into the open database); the files
written are removed again if the database step fails.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # noqa: S404 — pg_dump and pg_restore, with fixed arguments
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.utils import timezone

from bilan.accounts.models import User
from bilan.dossiers.models import Dossier
from bilan.schools.models import Organisation

from .services import bilan_version

FORMAT = "bilan-backup"
VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    pass


def storage_walk(top: str = "") -> Iterator[str]:
    """Every file name in default storage, recursively."""
    try:
        dirs, files = default_storage.listdir(top)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in sorted(files):
        yield f"{top}/{name}" if top else name
    for name in sorted(dirs):
        yield from storage_walk(f"{top}/{name}" if top else name)


def _copy_hashed(source: IO[bytes], target: IO[bytes]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        target.write(chunk)
    return digest.hexdigest(), size


def _pg_env_args(settings_dict: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    """Connection arguments for the PostgreSQL tools; the password only in the environment."""
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    options = settings_dict.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    return env, args


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} was not found; install the PostgreSQL client tools.")
    return path


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")


def _database_dump(target: Path) -> None:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    elif connection.vendor == "postgresql":
        env, args = _pg_env_args(connection.settings_dict)
        command = [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target)]
        _run([*command, *args, "--dbname", str(connection.settings_dict["NAME"])], env)
    else:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def backup_write(output: Path, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """Write a backup archive to ``output``; returns its manifest."""
    vendor = connection.vendor
    member = DATABASE_MEMBERS.get(vendor)
    if member is None:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "bilan_version": bilan_version(),
        "database_vendor": vendor,
        "created_at": (now or timezone.now()).astimezone(dt.UTC).isoformat(),
        "database": {},
        "files": [],
    }
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / member
        _database_dump(dump)
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            with dump.open("rb") as source, archive.open(member, "w", force_zip64=True) as target:
                sha, size = _copy_hashed(source, target)
            manifest["database"] = {"member": member, "sha256": sha, "size": size}
            for name in storage_walk():
                try:
                    with (
                        default_storage.open(name, "rb") as source,
                        archive.open(f"files/{name}", "w", force_zip64=True) as target,
                    ):
                        sha, size = _copy_hashed(source, target)
                except FileNotFoundError:
                    continue  # deleted while we were copying
                manifest["files"].append({"name": name, "sha256": sha, "size": size})
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
    partial.replace(output)
    return manifest


# Restore ----------------------------------------------------------------------------------


def instance_has_data() -> bool:
    try:
        return User.objects.exists() or Dossier.objects.exists() or Organisation.objects.exists()
    except DatabaseError:
        # No tables yet: a brand-new database.
        return False


@dataclass
class RestoreReport:
    manifest: dict[str, Any]
    files: list[str] = field(default_factory=list)


def _extract_checked(
    archive: zipfile.ZipFile, member: str, entry: dict[str, Any], target: IO[bytes]
) -> None:
    try:
        with archive.open(member) as source:
            sha, size = _copy_hashed(source, target)
    except KeyError as exc:
        raise BackupError(f"{member} is missing from the archive.") from exc
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BackupError(f"{member} is damaged in the archive: {exc}") from exc
    if sha != entry.get("sha256") or size != entry.get("size"):
        raise BackupError(f"{member} does not match its checksum: the archive is damaged.")
    target.seek(0)


def _manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError) as exc:
        raise BackupError("This is not a Bilan backup (no readable manifest.json).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("This is not a Bilan backup.")
    if manifest.get("version") != VERSION:
        raise BackupError(f"Unsupported backup format version {manifest.get('version')!r}.")
    if manifest.get("database_vendor") != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest.get('database_vendor')} database; this instance "
            f"uses {connection.vendor}. Restore it on the same kind of database."
        )
    return manifest


def _database_restore(dump: Path) -> None:
    if connection.vendor == "sqlite":
        if connection.in_atomic_block:
            raise BackupError("Cannot restore inside a transaction.")
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        # Our own session must hold no lock on the tables pg_restore drops.
        connection.close()
        env, args = _pg_env_args(connection.settings_dict)
        command = [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
        ]
        _run([*command, *args, "--dbname", str(connection.settings_dict["NAME"]), str(dump)], env)


def backup_restore(source: Path, *, force: bool = False) -> RestoreReport:
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(f"{source} is not a readable backup archive.") from exc
    with archive:
        manifest = _manifest(archive)
        if not force and instance_has_data():
            raise BackupError(
                "This instance already has data (accounts, dossiers or organisations). Restore "
                "into an empty instance, or pass --force to replace everything."
            )
        names = [entry["name"] for entry in manifest["files"]]
        clashes = [name for name in names if default_storage.exists(name)]
        if clashes and not force:
            raise BackupError(
                f"Storage already holds {len(clashes)} of the backup's files (e.g. {clashes[0]}); "
                "pass --force to overwrite them."
            )
        report = RestoreReport(manifest=manifest)
        with tempfile.TemporaryDirectory() as work:
            dump = Path(work) / "database"
            with dump.open("w+b") as target:
                _extract_checked(
                    archive, manifest["database"]["member"], manifest["database"], target
                )
            try:
                for entry in manifest["files"]:
                    name = entry["name"]
                    with tempfile.TemporaryFile() as spool:
                        _extract_checked(archive, f"files/{name}", entry, spool)
                        if default_storage.exists(name):
                            default_storage.delete(name)
                        saved = default_storage.save(name, spool)
                    report.files.append(saved)
                    if saved != name:
                        raise BackupError(f"Storage stored {name} as {saved}; restore stopped.")
                _database_restore(dump)
            except BaseException:
                for name in report.files:
                    with contextlib.suppress(Exception):
                        default_storage.delete(name)
                raise
    return report
