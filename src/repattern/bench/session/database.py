"""The benches' database: made, checked for the bench's own data, emptied.

A bench empties its database first and drops it afterwards, so it must never be handed one
that someone else uses, even an empty one: a test suite's database is often empty between runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import dj_database_url
import psycopg

from repattern.bench.session.options import BENCH_CLINIC


def _postgres(url: str) -> tuple[dict[str, Any], str]:
    """Connection arguments for the server's `postgres` database, and the bench database name."""
    import dj_database_url

    db = dj_database_url.parse(url)
    args = {
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    return {k: v for k, v in args.items() if v is not None}, str(db["NAME"])


def create_postgres(url: str, *, drop_first: bool) -> None:
    import psycopg
    from psycopg import sql

    connect, name = _postgres(url)
    with psycopg.connect(**connect) as conn:
        if drop_first:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if found is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_postgres(url: str) -> None:
    import psycopg
    from psycopg import sql

    connect, name = _postgres(url)
    with psycopg.connect(**connect) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def postgres_exists(url: str) -> bool:
    """True when the database in `url` exists already; asks the server's `postgres` database."""
    settings = dj_database_url.parse(url)
    connect: dict[str, Any] = {
        "host": settings.get("HOST") or None,
        "port": settings.get("PORT") or None,
        "user": settings.get("USER") or None,
        "password": settings.get("PASSWORD") or None,
    }
    given = {key: value for key, value in connect.items() if value is not None}
    with psycopg.connect(dbname="postgres", autocommit=True, **given) as conn:
        found = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]
        ).fetchone()
    return found is not None


def kept_by_the_bench() -> bool:
    """True when the database holds the bench's clinic and nothing else: a run with --keep."""
    from django.db import connection

    from repattern.accounts.models import Clinic

    if "accounts_clinic" not in connection.introspection.table_names():
        return False
    names = list(Clinic.objects.values_list("name", flat=True))
    return bool(names) and all(name.startswith(BENCH_CLINIC) for name in names)


def refusal(url: str) -> str:
    name = dj_database_url.parse(url)["NAME"]
    return (
        f"The database {name} already exists and holds no clinic of the bench's, and the bench "
        "empties and drops the database it is given. Give it the name of a database that does "
        "not exist yet, e.g. postgres://postgres@127.0.0.1:5432/repattern_bench: the bench "
        "creates it and drops it afterwards."
    )


def seeded_name(args: argparse.Namespace) -> str:
    return f"{BENCH_CLINIC} ({args.clients} clients, {args.events} events, seed {args.seed})"


def is_seeded(args: argparse.Namespace) -> bool:
    """True when a kept database has the bench's data at these sizes, in today's schema."""
    from django.db import connection

    from repattern.accounts.models import Clinic

    if "accounts_clinic" not in connection.introspection.table_names():
        return False
    seeded = list(Clinic.objects.values_list("name", flat=True)) == [seeded_name(args)]
    return seeded and has_every_column()


def has_every_column() -> bool:
    """False when a model has a column the database lacks, as after a migration was rewritten."""
    from django.apps import apps
    from django.db import connection

    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if model._meta.db_table not in tables:
                return False
            described = connection.introspection.get_table_description(cursor, model._meta.db_table)
            columns = {column.name for column in described}
            if any(f.column not in columns for f in model._meta.local_concrete_fields):
                return False
    return True


def empty_database(url: str) -> None:
    from django.db import connection, connections

    if connection.vendor == "postgresql":
        connections.close_all()
        create_postgres(url, drop_first=True)
    else:
        path = Path(connection.settings_dict["NAME"])
        connections.close_all()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
