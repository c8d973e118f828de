"""Backups: restored into a fresh database, every row and every file comes back."""

import io
import sqlite3
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from safercities.core.audit import record
from safercities.core.backup import row_counts

pytestmark = pytest.mark.django_db(transaction=True)


def content(conn, vendor: str) -> dict[str, list[str]]:
    """Every row of every table, as sorted text (order on disk does not matter)."""
    return {
        table: sorted(
            repr(row)
            for row in conn.cursor().execute(f'SELECT * FROM "{table}"').fetchall()  # noqa: S608
        )
        for table in row_counts(conn, vendor)
    }


def pg_connect(dbname: str, autocommit: bool = False):
    import psycopg

    s = connection.settings_dict
    return psycopg.connect(
        host=s["HOST"] or "127.0.0.1",
        port=s["PORT"] or 5432,
        user=s["USER"] or None,
        password=s["PASSWORD"] or None,
        dbname=dbname,
        autocommit=autocommit,
    )


@pytest.fixture
def fresh_database(tmp_path):
    """An empty database of the same kind, as a URL, and a way to open it."""
    if connection.vendor == "sqlite":
        path = tmp_path / "fresh.sqlite3"
        yield f"sqlite:///{path}", lambda: sqlite3.connect(path)
        return
    s = connection.settings_dict
    restore_db = f"{s['NAME']}_restore"  # beside the test database, dropped afterwards
    with pg_connect("postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{restore_db}"')
        admin.execute(f'CREATE DATABASE "{restore_db}"')
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    url = f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{restore_db}"
    try:
        yield url, lambda: pg_connect(restore_db)
    finally:
        with pg_connect("postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restore_db}" WITH (FORCE)')


def test_a_backup_restored_into_a_fresh_database_has_every_row_and_file(
    tmp_path, settings, make_user, fresh_database
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (tmp_path / "media" / "library").mkdir(parents=True)
    (tmp_path / "media" / "library" / "guide.pdf").write_bytes(b"%PDF-1.4 guide")
    (tmp_path / "private" / "photos" / "7").mkdir(parents=True)
    (tmp_path / "private" / "photos" / "7" / "walk.jpg").write_bytes(b"\xff\xd8 photo")
    person = make_user(name="Backup Person ทดสอบ")
    record(person, "profile.updated", person, data={"bio": "ភាសាខ្មែរ"})

    archive = tmp_path / "hub.tar.gz"
    call_command("backup", str(archive))
    if connection.vendor == "sqlite":  # read raw values, as from the restored file
        raw = sqlite3.connect(connection.settings_dict["NAME"], uri=True)
        before = content(raw, "sqlite")
        raw.close()
    else:
        with pg_connect(connection.settings_dict["NAME"]) as raw:
            before = content(raw, "postgresql")
    assert before["core_auditlogentry"] and before["accounts_user"]

    url, open_fresh = fresh_database
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "restored-private"
    call_command("restore", str(archive), database_url=url, yes=True)

    with open_fresh() as fresh:
        after = content(fresh, connection.vendor)
    assert after == before
    assert (tmp_path / "restored-media" / "library" / "guide.pdf").read_bytes() == (
        b"%PDF-1.4 guide"
    )
    assert (tmp_path / "restored-private" / "photos" / "7" / "walk.jpg").read_bytes() == (
        b"\xff\xd8 photo"
    )


def test_restoring_over_existing_files_keeps_the_old_ones_beside_them(
    tmp_path, settings, fresh_database
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "a.txt").write_text("backed up")
    archive = tmp_path / "hub.tar.gz"
    call_command("backup", str(archive))
    (tmp_path / "media" / "a.txt").write_text("changed later")
    call_command("restore", str(archive), database_url=fresh_database[0], yes=True)
    assert (tmp_path / "media" / "a.txt").read_text() == "backed up"
    [kept] = tmp_path.glob("media.before-restore-*")
    assert (kept / "a.txt").read_text() == "changed later"


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not a readable Hub backup"):
        call_command("restore", str(junk), yes=True)


def test_restore_refuses_an_archive_that_writes_outside_its_folder(tmp_path):
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as archive:
        data = b"x"
        info = tarfile.TarInfo("../../escape.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="suspicious archive entry"):
        call_command("restore", str(evil), yes=True)
    assert not (tmp_path.parent.parent / "escape.txt").exists()


def test_restore_asks_before_replacing_data(tmp_path, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(tmp_path / "whatever.tar.gz"))
