"""Backup and restore round trips on the database the suite runs on (SQLite or PostgreSQL)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from bilan.privacy.backup import BackupError, backup_restore, backup_write
from bilan.privacy.services import account_export

from .conftest import read_zip, storage_names

ROOT = Path(__file__).resolve().parents[2]


def _bilan(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bilan", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _fresh_instance(tmp_path: Path):
    """Environment of a brand-new instance on the same kind of database; its cleanup."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["BILAN_DATA_DIR"] = str(tmp_path / "restored")
    env["BILAN_MEDIA_ROOT"] = str(tmp_path / "restored" / "media")
    env["BILAN_FAST_PASSWORD_HASHER"] = "1"
    (tmp_path / "restored").mkdir()
    if connection.vendor == "sqlite":
        env.pop("DATABASE_URL", None)
        return env, lambda: None
    import psycopg

    settings = connection.settings_dict
    name = f"privacy_restore_{uuid.uuid4().hex[:8]}"
    admin = dict(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with psycopg.connect(**admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = f"{settings['HOST']}:{settings['PORT'] or 5432}"
    env["DATABASE_URL"] = f"postgres://{settings['USER']}{password}@{host}/{name}"

    def drop() -> None:
        with psycopg.connect(**admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return env, drop


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_a_fresh_instance(small_account, tmp_path):
    before = io.BytesIO()
    account_export(user=small_account, target=before)
    archive_path = tmp_path / "backup.zip"
    manifest = backup_write(archive_path)

    assert manifest["database_vendor"] == connection.vendor
    assert manifest["bilan_version"] and manifest["created_at"]
    names = {f["name"] for f in manifest["files"]}
    assert names == storage_names() and any(n.startswith("traces/") for n in names)
    with zipfile.ZipFile(archive_path) as archive:
        assert json.loads(archive.read("manifest.json")) == manifest

    env, cleanup = _fresh_instance(tmp_path)
    try:
        restored = _bilan(env, "restore", str(archive_path))
        assert restored.returncode == 0, restored.stderr
        exported = _bilan(
            env, "account", "export", small_account.email, "-o", str(tmp_path / "a.zip")
        )
        assert exported.returncode == 0, exported.stderr
        # A second restore finds data and refuses.
        again = _bilan(env, "restore", str(archive_path))
        assert again.returncode != 0 and "already has data" in again.stderr
    finally:
        cleanup()

    doc_before, files_before = read_zip(before.getvalue())
    doc_after, files_after = read_zip((tmp_path / "a.zip").read_bytes())
    doc_before.pop("exported_at")
    doc_after.pop("exported_at")
    assert doc_after == doc_before
    assert files_after == files_before
    media = tmp_path / "restored" / "media"
    restored_files = {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}
    assert restored_files == names


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_an_instance_with_data(small_account, tmp_path):
    archive_path = tmp_path / "backup.zip"
    backup_write(archive_path)
    with pytest.raises(BackupError, match="already has data"):
        backup_restore(archive_path)
    with pytest.raises(CommandError, match="already has data"):
        call_command("restore", str(archive_path))


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_or_foreign_archive(small_account, tmp_path):
    good = tmp_path / "backup.zip"
    backup_write(good)
    not_zip = tmp_path / "x.zip"
    not_zip.write_bytes(b"not a zip")
    with pytest.raises(BackupError, match="not a readable"):
        backup_restore(not_zip, force=True)
    # A file changed inside the archive: its checksum no longer matches; nothing restored.
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("files/"):
                data = data + b"x"
            dst.writestr(info, data)
    files_before = storage_names()
    with pytest.raises(BackupError, match="checksum"):
        backup_restore(tampered, force=True)
    assert storage_names() == files_before
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(other, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["database_vendor"] = "oracle"
                data = json.dumps(manifest).encode()
            dst.writestr(info, data)
    with pytest.raises(BackupError, match="oracle"):
        backup_restore(other, force=True)


def test_the_postgresql_password_goes_through_the_environment_only():
    from bilan.privacy.backup import _pg_env_args

    env, args = _pg_env_args(
        {
            "HOST": "db.internal",
            "PORT": 5433,
            "USER": "bilan",
            "PASSWORD": "s3cret!",
            "NAME": "bilan",
            "OPTIONS": {"sslmode": "require"},
        }
    )
    assert env["PGPASSWORD"] == "s3cret!" and env["PGSSLMODE"] == "require"
    assert args == ["--host", "db.internal", "--port", "5433", "--username", "bilan"]
    assert not any("s3cret" in arg for arg in args)
