"""Backups of the whole Hub in one file: the database plus uploaded and private files.

The archive (``.tar.gz``) holds

* ``manifest.json``: when, which database kind, the row count of every table, the files;
* ``database.sqlite3`` (made with SQLite's online backup API, so the Hub may keep running)
  or ``database.pgdump`` (``pg_dump --format=custom``, a consistent snapshot);
* ``media/…`` and ``private/…``: the contents of ``MEDIA_ROOT`` and ``PRIVATE_MEDIA_ROOT``
  (files in object storage are not copied: the bucket keeps its own versions).

A restore loads the database into the configured database (or another one named by URL),
puts the files back, and checks every table's row count against the manifest.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import connection

FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


def _pg_env(db: dict) -> tuple[list[str], dict]:
    """Connection arguments for pg_dump/pg_restore from a Django database settings dict."""
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def row_counts(conn, vendor: str) -> dict[str, int]:
    """Rows per table (Django's and the apps'; not SQLite's or FTS shadow tables)."""
    cursor = conn.cursor()
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
        rows = cursor.fetchall()
        virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
        # Full-text tables and their shadow tables follow from the rows they index.
        tables = [n for n, _ in rows if not any(n == v or n.startswith(v + "_") for v in virtual)]
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in sorted(tables):
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - names from the catalog
        counts[table] = cursor.fetchone()[0]
    return counts


def _file_roots() -> dict[str, Path]:
    roots = {"media": Path(settings.MEDIA_ROOT)}
    private = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if private:
        roots["private"] = Path(private)
    return roots


def create_backup(target: Path) -> dict:
    """Write the archive to ``target``; return its manifest."""
    db = connection.settings_dict
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".backup-") as work:
        work = Path(work)
        connection.ensure_connection()
        if vendor == "sqlite":
            dump = work / "database.sqlite3"
            destination = sqlite3.connect(dump)
            try:
                connection.connection.backup(destination)  # online: writers only wait briefly
            finally:
                destination.close()
            with sqlite3.connect(dump) as check:
                counts = row_counts(check, "sqlite")
        else:
            dump = work / "database.pgdump"
            args, env = _pg_env(db)
            result = subprocess.run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    *args,
                    "--file",
                    str(dump),
                    db["NAME"],
                ],
                env=env,
                capture_output=True,
                text=True,
            )
            if result.returncode:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
            counts = row_counts(connection.connection, "postgresql")
        files = []
        for label, root in _file_roots().items():
            if root.is_dir():
                files += [
                    f"{label}/{p.relative_to(root)}" for p in sorted(root.rglob("*")) if p.is_file()
                ]
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "vendor": vendor,
            "database_file": dump.name,
            "row_counts": counts,
            "files": files,
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=1))
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / "manifest.json", "manifest.json")
            archive.add(dump, dump.name)
            for label, root in _file_roots().items():
                if root.is_dir():
                    archive.add(root, label)
        partial.replace(target)  # a backup file is complete or absent
    return manifest


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"refusing a suspicious archive entry: {member.name}")
        members.append(member)
    return members


def restore_backup(source: Path, database_url: str | None = None) -> dict:
    """Load ``source`` into the database (the configured one or ``database_url``) and files."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"no backup at {source}")
    with tempfile.TemporaryDirectory(prefix="restore-") as work:
        work = Path(work)
        try:
            with tarfile.open(source, "r:gz") as archive:
                archive.extractall(work, members=_safe_members(archive))  # noqa: S202 - checked
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise BackupError(f"{source} is not a readable Hub backup: {exc}") from exc
        try:
            manifest = json.loads((work / "manifest.json").read_text())
        except (OSError, ValueError) as exc:
            raise BackupError(f"{source} has no manifest: not a Hub backup") from exc
        db = dj_database_url.parse(database_url) if database_url else connection.settings_dict
        vendor = "sqlite" if "sqlite" in db["ENGINE"] else "postgresql"
        if vendor != manifest["vendor"]:
            raise BackupError(
                f"this is a {manifest['vendor']} backup; the target database is {vendor}"
            )
        dump = work / manifest["database_file"]
        if vendor == "sqlite":
            if not database_url:
                connection.close()
            with sqlite3.connect(dump) as src, sqlite3.connect(db["NAME"]) as dst:
                src.backup(dst)
            with sqlite3.connect(db["NAME"]) as check:
                counts = row_counts(check, "sqlite")
        else:
            args, env = _pg_env(db)
            result = subprocess.run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    *args,
                    "--dbname",
                    db["NAME"],
                    str(dump),
                ],
                env=env,
                capture_output=True,
                text=True,
            )
            if result.returncode:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
            import psycopg

            with psycopg.connect(
                host=db.get("HOST") or "127.0.0.1",
                port=db.get("PORT") or 5432,
                user=db.get("USER") or None,
                password=db.get("PASSWORD") or None,
                dbname=db["NAME"],
            ) as check:
                counts = row_counts(check, "postgresql")
        expected = manifest["row_counts"]
        differ = {
            t: (expected.get(t), counts.get(t))
            for t in set(expected) | set(counts)
            if expected.get(t) != counts.get(t)
        }
        if differ:
            raise BackupError(f"restored row counts differ from the backup: {differ}")
        for label, root in _file_roots().items():
            restored = work / label
            if not restored.is_dir():
                continue
            root.parent.mkdir(parents=True, exist_ok=True)
            if root.exists():  # keep what was there, beside it, until someone deletes it
                stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
                root.rename(root.with_name(f"{root.name}.before-restore-{stamp}"))
            shutil.copytree(restored, root)
    return manifest
