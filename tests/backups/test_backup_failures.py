"""When a backup cannot be made, the message says why and what to do: no server to reach, no
client tools installed, no space left on the disk."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from repattern.backups import sqlite
from repattern.backups.errors import BackupError
from repattern.backups.files import written
from repattern.backups.postgres import failed
from tests.backups.conftest import ON_POSTGRESQL, REPATTERN, ROOT, database_name, server

FULL = "There is not enough free disk space"


def backup_against(url: str, tmp_path: Path, **env: str) -> str:
    environment = {**os.environ, "DATABASE_URL": url, "REPATTERN_VAR_DIR": str(tmp_path), **env}
    done = subprocess.run(
        [REPATTERN, "backup", str(tmp_path / "b.backup")],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert not (tmp_path / "b.backup").exists()
    return " ".join(done.stderr.split())


def test_an_unreachable_server_is_named_with_what_to_check(tmp_path):
    message = backup_against("postgres://postgres@127.0.0.1:1/clinic", tmp_path)
    assert "Could not reach the PostgreSQL database clinic at 127.0.0.1:1" in message
    assert "check that the server is running and that DATABASE_URL is right" in message


@pytest.mark.skipif(not ON_POSTGRESQL, reason="needs a PostgreSQL server to answer")
def test_a_database_that_does_not_exist_is_named_with_how_to_create_it(tmp_path):
    name = database_name("never_made")
    message = backup_against(server(name), tmp_path)
    assert f"create it first (createdb {name})" in message


def test_missing_client_tools_say_what_to_install(tmp_path):
    message = backup_against(
        "postgres://postgres@127.0.0.1:1/clinic", tmp_path, PATH=str(tmp_path / "no-tools")
    )
    assert "pg_dump was not found" in message
    assert "apt-get install postgresql-client" in message


class FullDisk:
    """A SQLite connection whose copy runs out of space half-way."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def backup(self, *args: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    def close(self) -> None:
        pass


def test_a_full_disk_during_a_sqlite_backup_says_to_free_space(tmp_path, monkeypatch):
    database = tmp_path / "live.sqlite3"
    with closing(sqlite3.connect(database)) as db:
        db.execute("CREATE TABLE t (x)")
    monkeypatch.setattr(sqlite.sqlite3, "connect", FullDisk)
    with pytest.raises(BackupError, match=FULL), written(tmp_path / "b.backup", False) as into:
        sqlite.sqlite_backup(database, into)
    assert os.listdir(tmp_path) == ["live.sqlite3"], "nothing half-written is left behind"


def test_a_full_disk_during_pg_dump_says_to_free_space(tmp_path):
    stderr = "pg_dump: error: could not write to output file: No space left on device\n"
    assert FULL in str(failed("pg_dump", stderr, tmp_path / "b.backup"))


def test_a_full_disk_when_the_file_is_made_says_to_free_space(tmp_path, monkeypatch):
    def no_space(*args: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "open", no_space)
    with pytest.raises(BackupError, match=FULL), written(tmp_path / "b.backup", False):
        pass


def test_a_folder_it_may_not_write_says_so(tmp_path, monkeypatch):
    def refused(*args: Any) -> int:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", refused)
    with pytest.raises(BackupError, match="may not write"), written(tmp_path / "b", False):
        pass


def test_a_database_with_no_file_yet_has_nothing_to_back_up(tmp_path):
    with pytest.raises(BackupError, match="nothing to back up"):
        sqlite.sqlite_backup(tmp_path / "missing.sqlite3", tmp_path / "b.backup")
    assert not (tmp_path / "missing.sqlite3").exists()
