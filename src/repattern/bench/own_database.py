"""Run a benchmark in a database of its own: a fresh SQLite file, or a PostgreSQL database it
creates and drops, refusing one that exists and is not a bench's."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from repattern.bench.session.database import (
    create_postgres,
    drop_postgres,
    kept_by_the_bench,
    postgres_exists,
    refusal,
)
from repattern.bench.session.options import configure


def in_own_database(args: argparse.Namespace, bench: str, body: Callable[[str, Path], int]) -> int:
    """`body(url, var_dir)` in the bench's own database; the exit code, 2 when it cannot run."""
    import django
    import psycopg
    from django.conf import settings

    if settings.configured:
        print(f"Run the bench in its own process: uv run repattern bench {bench}", file=sys.stderr)
        return 2
    var_dir = Path(tempfile.mkdtemp(prefix=f"repattern-bench-{bench}-"))
    url = configure(args, var_dir)
    postgres = url.startswith(("postgres:", "postgresql:", "pgsql:"))
    try:
        existed = postgres and postgres_exists(url)
        if postgres:
            create_postgres(url, drop_first=False)
        django.setup()
        if existed and not kept_by_the_bench():
            print(refusal(url), file=sys.stderr)
            shutil.rmtree(var_dir, ignore_errors=True)
            return 2
    except psycopg.OperationalError as error:
        print(f"Cannot reach PostgreSQL at {url}: {error}", file=sys.stderr)
        shutil.rmtree(var_dir, ignore_errors=True)
        return 2
    try:
        return body(url, var_dir)
    finally:
        from django.db import connections

        connections.close_all()
        if postgres:
            drop_postgres(url)
        shutil.rmtree(var_dir, ignore_errors=True)
