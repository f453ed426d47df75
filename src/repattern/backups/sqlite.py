"""SQLite: copied page by page with SQLite's online backup API, safe while the app writes."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from repattern.backups.errors import BackupError, no_space
from repattern.backups.files import APPLICATION_ID

# How long to wait for a writer to finish a transaction before giving up, in seconds.
BUSY_TIMEOUT = 60


def failed(error: sqlite3.Error, what: str, where: Path) -> BackupError:
    text = str(error)
    if "disk is full" in text:
        return no_space(where)
    if "locked" in text or "busy" in text:
        return BackupError(
            f"The database stayed busy for {BUSY_TIMEOUT} seconds during the {what}: try again."
        )
    if "not a database" in text or "malformed" in text:
        return BackupError(f"{where} is damaged ({text}): use another backup.")
    return BackupError(f"The {what} failed: {text}.")


def sqlite_backup(database: Path, into: Path) -> None:
    """Copy the live database into `into` in one step: one snapshot, however much is written
    meanwhile (in WAL mode, writers go on while it reads)."""
    if not database.exists():
        raise BackupError(
            f"There is no database at {database} yet, so nothing to back up: "
            "check REPATTERN_VAR_DIR or DATABASE_URL."
        )
    try:
        with (
            closing(sqlite3.connect(database, timeout=BUSY_TIMEOUT)) as source,
            closing(sqlite3.connect(into)) as copy,
        ):
            source.backup(copy)
            copy.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            # One self-contained file, without the write-ahead log beside it.
            copy.execute("PRAGMA journal_mode = DELETE")
            copy.commit()
            verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as error:
        raise failed(error, "backup", into) from error
    if verdict != "ok":
        raise BackupError(f"The copy did not check out ({verdict}): try again.")


def sqlite_migrations(backup: Path) -> set[tuple[str, str]]:
    """The migrations the database in the backup had, as (app, name)."""
    try:
        with closing(sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)) as db:
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(f"{backup} is damaged: use another backup.")
            rows = db.execute("SELECT app, name FROM django_migrations").fetchall()
    except sqlite3.Error as error:
        raise failed(error, "check of the backup", backup) from error
    return {(app, name) for app, name in rows}


def sqlite_restore(backup: Path, database: Path) -> None:
    """Replace the database's whole content with the backup's, in one transaction."""
    try:
        with (
            closing(sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)) as source,
            closing(sqlite3.connect(database, timeout=BUSY_TIMEOUT)) as target,
        ):
            source.backup(target)
            target.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error as error:
        raise failed(error, "restore", database) from error
