"""Backing up the configured database, and restoring a backup into it when it is empty."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from repattern.backups.errors import BackupError
from repattern.backups.files import Kind, kind_of, written
from repattern.backups.postgres import (
    postgres_backup,
    postgres_check,
    postgres_migrations,
    postgres_restore,
    tool,
)
from repattern.backups.sqlite import sqlite_backup, sqlite_migrations, sqlite_restore

# Tables that `migrate` fills by itself, and sign-in sessions: rows there are not records.
NOT_RECORDS = {"django_migrations", "django_content_type", "auth_permission", "django_session"}


def configured() -> Kind:
    return Kind.SQLITE if connection.vendor == "sqlite" else Kind.POSTGRESQL


def where() -> str:
    """The configured database, in words."""
    settings = connection.settings_dict
    if configured() == Kind.SQLITE:
        return f"the SQLite database {settings['NAME']}"
    host = settings.get("HOST") or "the local socket"
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"the PostgreSQL database {settings['NAME']} at {host}{port}"


def sqlite_file() -> Path:
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupError("The configured database lives in memory only: there is no file.")
    return Path(name)


def reach() -> None:
    """Connect now, so an unreachable server is reported before any work starts."""
    try:
        connection.ensure_connection()
    except DatabaseError as error:
        said = re.sub(r"\s+", " ", str(error)).strip()
        advice = "check that the server is running and that DATABASE_URL is right."
        if configured() == Kind.SQLITE:
            advice = "check that its folder exists and that Repattern may write there."
        elif "does not exist" in said:
            advice = f"create it first (createdb {connection.settings_dict['NAME']}), then retry."
        raise BackupError(f"Could not reach {where()} ({said}): {advice}") from error


def tables() -> list[str]:
    """Repattern's tables that exist in the database now: the models', the migrations', and
    those of the caches kept in the database (which no model describes)."""
    names = connection.introspection.django_table_names(only_existing=True)
    existing = set(connection.introspection.table_names())
    return sorted({*names, *(({"django_migrations"} | cache_tables()) & existing)})


def cache_tables() -> set[str]:
    return {
        str(cache["LOCATION"])
        for cache in settings.CACHES.values()
        if cache["BACKEND"].endswith("DatabaseCache")
    }


def holds_data() -> bool:
    with connection.cursor() as cursor:
        for table in tables():
            if table in NOT_RECORDS or table in cache_tables():
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone():
                return True
    return False


def backup(target: Path, overwrite: bool = False) -> Kind:
    kind = configured()
    if kind == Kind.SQLITE:
        database = sqlite_file()
        if target.resolve() == database.resolve():
            raise BackupError(f"{target} is the database itself: back it up to another file.")
        with written(target, overwrite) as partial:
            sqlite_backup(database, partial)
    else:
        tool("pg_dump")
        reach()
        with written(target, overwrite) as partial:
            postgres_backup(connection.settings_dict, partial)
    return kind


@dataclass(frozen=True)
class Restored:
    kind: Kind
    migrations_to_apply: int


def check(backup_file: Path) -> Kind:
    """The backup's kind, if it is a Repattern backup this database can take."""
    kind = kind_of(backup_file)
    if kind != configured():
        raise BackupError(
            f"{backup_file} is a backup of a {kind} database, but Repattern is set to use "
            f"{configured()}: restore it where DATABASE_URL "
            + ("is unset (SQLite)." if kind == Kind.SQLITE else "points at PostgreSQL.")
        )
    if kind == Kind.POSTGRESQL:
        for name in ("pg_restore", "psql"):
            tool(name)
        postgres_check(backup_file)
        had = postgres_migrations(backup_file)
    else:
        had = sqlite_migrations(backup_file)
    unknown = sorted(had - set(MigrationLoader(None).disk_migrations))
    if unknown:
        names = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise BackupError(
            f"{backup_file} was made by a newer version of Repattern (this one lacks the "
            f"migrations {names}): upgrade Repattern first, then restore."
        )
    return kind


def restore(backup_file: Path, replace: bool = False) -> Restored:
    kind = check(backup_file)
    reach()
    if holds_data() and not replace:
        raise BackupError(
            f"{where()[:1].upper()}{where()[1:]} already holds data. A backup restores into an "
            "empty database; to delete everything in this one and put the backup in its place, "
            "add --replace."
        )
    if kind == Kind.SQLITE:
        connection.close()
        sqlite_restore(backup_file, sqlite_file())
    else:
        drop = [connection.ops.quote_name(table) for table in tables()]
        connection.close()
        postgres_restore(connection.settings_dict, backup_file, drop)
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    connection.close()
    return Restored(kind, len(plan))
