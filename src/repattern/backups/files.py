"""A backup file: which kind it is, and writing one so that a half-written file never stays."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

from repattern.backups.errors import BackupError, writing_failed

SQLITE_HEADER = b"SQLite format 3\x00"
POSTGRESQL_HEADER = b"PGDMP"
# A SQLite file keeps an application id at byte 68 of its header; a Repattern backup's is RPTN.
APPLICATION_ID = int.from_bytes(b"RPTN", "big")


class Kind(StrEnum):
    SQLITE = "SQLite"
    POSTGRESQL = "PostgreSQL"


def kind_of(path: Path) -> Kind:
    """The kind of backup at `path`, or the reason it is not a Repattern backup."""
    if not path.exists():
        raise BackupError(f"There is no file at {path}: check the path.")
    if path.is_dir():
        raise BackupError(f"{path} is a folder: give the path of a backup file.")
    try:
        with path.open("rb") as file:
            header = file.read(100)
    except OSError as error:
        raise BackupError(f"Cannot read {path}: {error.strerror or error}.") from error
    if header.startswith(SQLITE_HEADER):
        if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
            raise BackupError(
                f"{path} is a SQLite database but not a Repattern backup: "
                "restore a file made by 'repattern backup'."
            )
        return Kind.SQLITE
    if header.startswith(POSTGRESQL_HEADER):
        return Kind.POSTGRESQL
    raise BackupError(
        f"{path} is not a Repattern backup: restore a file made by 'repattern backup'."
    )


@contextlib.contextmanager
def written(target: Path, overwrite: bool) -> Iterator[Path]:
    """A private file beside `target` to write the backup into; it becomes `target` only when
    the backup is whole, and is removed if anything fails."""
    if target.is_dir():
        raise BackupError(f"{target} is a folder: give the backup a file name, e.g. {target}/x.db")
    if target.exists() and not overwrite:
        raise BackupError(
            f"{target} already exists: choose a new name (the date is a good one), "
            "or add --overwrite to replace it."
        )
    partial = target.with_name(f".{target.name}.partial")
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Clinical records: readable by the owner of the file only, from the first byte.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    except OSError as error:
        raise writing_failed(error, target) from error
    try:
        yield partial
        os.replace(partial, target)
    except OSError as error:
        raise writing_failed(error, target) from error
    finally:
        partial.unlink(missing_ok=True)
