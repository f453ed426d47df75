"""How long recording a session event and getting the new ranking takes, on a full database.

The target is a p95 server time under 50 ms with 10,000 clients and 100,000 events, on SQLite
and on PostgreSQL. The bench seeds one clinic of that size, then plays sessions with random
clients: a common muscle tests weak, the suggested candidates are challenged, and most findings
end in a pattern that is confirmed, released, activated and retested. Each event is timed on
two paths:

    service  event_record() and session_state(), as the view calls them
    http     POST /sessions/<id>/events/ through django.test.Client, as the page sends it,
             answered with the rendered state

The headline is test and challenge events, the issue's "record a test, get the new ranking";
the pattern steps are reported apart. Wall time is the figure; CPU time of this process is
shown beside it, as the machine may be busy with other work (for PostgreSQL it leaves out the
server's share).

Run with `uv run repattern bench session [--database-url URL] [--keep]`. Prints figures; never
passes or fails. The parts: `options` (sizes and settings), `database` (made, checked,
emptied), `seeding` (a clinic's history, through the session rules), `driving` (sessions
played as a practitioner would), `measuring` (timings and queries), `report` (the figures).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from repattern.bench.session.database import (
    create_postgres,
    drop_postgres,
    empty_database,
    is_seeded,
    kept_by_the_bench,
    postgres_exists,
    refusal,
)
from repattern.bench.session.driving import Driver, http_path, service_path
from repattern.bench.session.measuring import (
    RANKED,
    first_call_ms,
    measure,
    pick,
    profile,
    queries_per_call,
)
from repattern.bench.session.options import TARGET_MS, configure, parse_args
from repattern.bench.session.population import COMMON_MUSCLES
from repattern.bench.session.report import database_words, machine_words, row_counts
from repattern.bench.session.seeding import seed


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv, __doc__ or "")
    import django
    import psycopg
    from django.conf import settings

    if settings.configured:
        print(
            "Django is already set up in this process; run the bench on its own: "
            "uv run repattern bench session",
            file=sys.stderr,
        )
        return 2
    var_dir = Path(tempfile.mkdtemp(prefix="repattern-bench-"))
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
        return run(args, url)
    finally:
        from django.db import connections

        connections.close_all()
        if postgres and not args.keep:
            drop_postgres(url)
        shutil.rmtree(var_dir, ignore_errors=True)


def run(args: argparse.Namespace, url: str) -> int:
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from repattern.clients.models import Client
    from repattern.engine.atlas import load_atlas

    reused = args.keep and is_seeded(args)
    if not reused:
        empty_database(url)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - started
    if not reused:
        seed(args)
    seeded = time.perf_counter() - started - migrated

    print(f"machine       {machine_words()}")
    print(f"database      {database_words()}")
    print(f"rows          {row_counts()}")
    print(
        f"set-up        migrate {migrated:.1f} s, "
        + ("seed reused (--keep)" if reused else f"seed {seeded:.1f} s")
    )

    client_ids = list(Client.objects.values_list("pk", flat=True))
    muscles = [m for m in COMMON_MUSCLES if m in load_atlas().muscles]
    practitioner = User.objects.get(username="bench-alice")
    driver = Driver(random.Random(args.seed + 1), client_ids, muscles, practitioner)
    paths = {"service": service_path(practitioner), "http": http_path(practitioner)}
    try:
        cold = {label: first_call_ms(call, driver) for label, call in paths.items()}
        queries = {label: queries_per_call(call, driver) for label, call in paths.items()}
        results = [measure(label, call, driver, args.samples) for label, call in paths.items()]
        if args.profile:
            profile(paths["http"], driver, args.samples)
    finally:
        driver.end_sessions()

    print(f"machine       {machine_words()}, after timing")
    print(
        f"first call    {', '.join(f'{k} {v:.1f} ms' for k, v in cold.items())} "
        "(cold caches in this process)"
    )
    for label, counts in queries.items():
        print(f"queries       {label}, per call over one played session: {' '.join(counts)}")
    header = f"{'mean':>8} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}   ms"
    print(f"\n{'path':<8} {'events':<16} {'n':>6} {header}")
    for timings in results:
        print(timings.line("test+challenge", timings.of(*RANKED)))
    for timings in results:
        print(timings.line("  same, CPU only", timings.of(*RANKED, cpu=True)))
    print(f"\nby kind\n{'path':<8} {'kind':<16} {'n':>6} {header}")
    for timings in results:
        for kind in timings.ms:
            print(timings.line(kind, timings.of(kind)))
    http = results[-1].of(*RANKED)
    print(f"\np95 event+ranking (HTTP): {pick(http, 0.95):.1f} ms (target < {TARGET_MS:.0f} ms)")
    return 0
