"""Which PostgreSQL database the load bench may use: one it makes, or one an earlier run kept.

The bench empties its database first and drops it afterwards, so it must never be handed one
that someone else uses, even an empty one: a test suite's database is often empty between runs.
"""

from __future__ import annotations

from typing import Any

import dj_database_url
import psycopg

from repattern.bench.session.options import BENCH_CLINIC


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
        "not exist yet, e.g. postgres://postgres@127.0.0.1:5432/repattern_load: the bench "
        "creates it and drops it afterwards."
    )
