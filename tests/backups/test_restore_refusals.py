"""`repattern restore` puts a backup only into an empty database, unless told to replace what
is there, and only a Repattern backup of the configured kind; each refusal says what to do."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from repattern.backups.files import APPLICATION_ID, POSTGRESQL_HEADER, SQLITE_HEADER
from tests.backups.conftest import ON_POSTGRESQL, Place

NOTES = "SELECT notes FROM clients_client ORDER BY id"


def refused(place: Place, *args: str) -> str:
    done = place.run("restore", *args)
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr
    return " ".join(done.stderr.split())


def refused_here(path: Path) -> str:
    """The refusal of a file that is not even looked at against the database: it comes before."""
    with pytest.raises(CommandError) as refusal:
        call_command("restore", str(path))
    return str(refusal.value)


def test_a_database_that_holds_data_is_refused_unless_told_to_replace_it(seeded, good_backup):
    seeded.execute("UPDATE clients_client SET notes = 'changed since the backup'")
    message = refused(seeded, str(good_backup))
    assert "already holds data" in message and "add --replace" in message
    assert {row["notes"] for row in seeded.query(NOTES)} == {"changed since the backup"}
    replaced = seeded.run("restore", "--replace", str(good_backup))
    assert replaced.returncode == 0, replaced.stderr
    assert {row["notes"] for row in seeded.query(NOTES)} == {""}


def test_a_damaged_backup_is_refused_and_the_database_is_left_as_it_was(
    seeded, good_backup, tmp_path
):
    before = seeded.tables()
    damaged = tmp_path / "damaged.backup"
    content = good_backup.read_bytes()
    damaged.write_bytes(content[: len(content) * 9 // 10])
    message = refused(seeded, "--replace", str(damaged))
    assert "damaged" in message and "use another backup" in message
    assert seeded.tables() == before


def test_a_missing_file_is_refused(tmp_path):
    message = refused_here(tmp_path / "nowhere.backup")
    assert "There is no file at" in message and "check the path" in message


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a backup\n")
    assert "is not a Repattern backup" in refused_here(text)
    assert "is a folder" in refused_here(tmp_path)


def test_a_sqlite_database_not_made_by_repattern_backup_is_refused(tmp_path):
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as db:
        db.execute("CREATE TABLE t (x)")
    message = refused_here(other)
    assert "is a SQLite database but not a Repattern backup" in message


def test_a_backup_of_the_other_kind_of_database_is_refused(tmp_path):
    other = tmp_path / "other-kind.backup"
    if ON_POSTGRESQL:
        header = SQLITE_HEADER.ljust(68, b"\0") + APPLICATION_ID.to_bytes(4, "big")
        expected = "is a backup of a SQLite database, but Repattern is set to use PostgreSQL"
    else:
        header = POSTGRESQL_HEADER + b"\1\16\0"
        expected = "is a backup of a PostgreSQL database, but Repattern is set to use SQLite"
    other.write_bytes(header.ljust(512, b"\0"))
    assert expected in refused_here(other)


def test_a_backup_from_a_newer_version_is_refused(seeded, tmp_path):
    seeded.execute(
        "INSERT INTO django_migrations (app, name, applied) "
        "VALUES ('clients', '9999_from_the_future', CURRENT_TIMESTAMP)"
    )
    newer = tmp_path / "newer.backup"
    assert seeded.run("backup", str(newer)).returncode == 0
    message = refused_here(newer)
    assert "made by a newer version of Repattern" in message
    assert "clients.9999_from_the_future" in message and "upgrade Repattern first" in message


def test_an_existing_file_is_not_overwritten_unless_asked(template, good_backup, tmp_path):
    kept = tmp_path / "kept.backup"
    shutil.copyfile(good_backup, kept)
    kept.write_bytes(b"an older backup")
    done = template.run("backup", str(kept))
    assert done.returncode != 0 and "already exists" in done.stderr and "--overwrite" in done.stderr
    assert kept.read_bytes() == b"an older backup"
    assert template.run("backup", "--overwrite", str(kept)).returncode == 0
    assert kept.read_bytes() != b"an older backup"


def test_the_backup_file_is_readable_by_its_owner_only(good_backup):
    assert good_backup.stat().st_mode & 0o777 == 0o600
    assert not list(good_backup.parent.glob(".*.partial"))


@pytest.mark.skipif(ON_POSTGRESQL, reason="only SQLite keeps the database in a file")
def test_a_backup_onto_the_database_itself_is_refused(template):
    database = Path(template.env["REPATTERN_VAR_DIR"]) / "repattern.sqlite3"
    done = template.run("backup", "--overwrite", str(database))
    assert done.returncode != 0 and "is the database itself" in done.stderr
