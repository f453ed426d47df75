"""How long the clinic evidence dashboard takes to answer, on many finished episodes.

The bench seeds one clinic with 10,000 closed care plans (episodes) of 5,000 clients, their
intake conditions, a session each with one of ten practitioners, reviews for some, and
1,000,000 responses of four measures spread over the episodes (one in six stops after its
baseline). Then it asks for the dashboard several times through django.test.Client, in this
process, as a signed-in browser would:

    owner         GET /clinics/<id>/evidence/ as the owner (every episode)
    practitioner  GET /clinics/<id>/evidence/ as one practitioner (their tenth)

Server time is the figure: the view, its queries, the statistics, the chart and the template.
Queries per request are counted once per page.

Run with `uv run repattern bench evidence [--database-url URL]`. Prints figures; never passes
or fails. The database is made for the run and dropped after it, as in the session bench.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from repattern.bench.session.database import (
    create_postgres,
    drop_postgres,
    empty_database,
    kept_by_the_bench,
    postgres_exists,
    refusal,
)
from repattern.bench.session.measuring import pick
from repattern.bench.session.options import configure
from repattern.bench.session.report import database_words, machine_words
from repattern.bench.today import Page, _queries, _timed

FULL = {"episodes": 10_000, "responses": 1_000_000}
QUICK = {"episodes": 60, "responses": 1_200}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="repattern bench evidence",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file")
    for name, value in FULL.items():
        parser.add_argument(f"--{name}", type=int, help=f"default {value:,}")
    parser.add_argument("--samples", type=int, default=7, help="requests timed per page")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, for a smoke test")
    parser.add_argument("--seed", type=int, default=5, help="random seed")
    args = parser.parse_args(argv)
    for name, value in (QUICK if args.quick else FULL).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if min(args.episodes, args.responses, args.samples) < 1:
        parser.error("--episodes, --responses and --samples must be at least 1.")
    args.keep = False
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    import django
    import psycopg
    from django.conf import settings

    if settings.configured:
        print("Run the bench on its own: uv run repattern bench evidence", file=sys.stderr)
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
        if postgres:
            drop_postgres(url)
        shutil.rmtree(var_dir, ignore_errors=True)


def run(args: argparse.Namespace, url: str) -> int:
    from django.core.management import call_command

    from repattern.bench.evidence.seeding import seed
    from repattern.outcomes.models import Response
    from repattern.treatment.models import CarePlan

    empty_database(url)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    seed(args)
    print(f"machine       {machine_words()}")
    print(f"database      {database_words()}")
    print(
        f"rows          {CarePlan.objects.count():,} episodes, "
        f"{Response.objects.count():,} responses"
    )
    print(f"set-up        {time.perf_counter() - started:.1f} s")
    header = f"{'mean':>8} {'p50':>8} {'p95':>8} {'max':>8}   ms"
    print(f"\n{'page':<13} {'queries':>7} {'n':>5} {header}")
    for name, page in _pages().items():
        queries = _queries(page)
        times = _timed(name, page, args.samples)
        print(
            f"{name:<13} {queries:>7} {len(times):5d} {statistics.fmean(times):8.1f} "
            f"{pick(times, 0.5):8.1f} {pick(times, 0.95):8.1f} {times[-1]:8.1f}"
        )
    print(f"\nmachine       {machine_words()}, after timing")
    return 0


def _pages() -> dict[str, Page]:
    from django.contrib.auth.models import User
    from django.db import close_old_connections
    from django.test import Client as Browser

    from repattern.accounts.models import Clinic

    clinic = Clinic.objects.get()
    path = f"/clinics/{clinic.pk}/evidence/"

    def as_user(username: str) -> Page:
        browser = Browser()
        browser.force_login(User.objects.get(username=username))

        def page() -> object:
            close_old_connections()
            response = browser.get(path)
            close_old_connections()
            if response.status_code != 200:
                raise SystemExit(f"GET {path} answered {response.status_code}")
            return response

        return page

    return {"owner": as_user("bench-owner"), "practitioner": as_user("bench-p00")}
