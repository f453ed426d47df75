"""How the real server holds up when a clinic's practitioners all work at once, over HTTP.

The bench seeds a clinic (the session bench's seeder: 2,000 clients with ten past events each
by default), adds 20 practitioners with passwords through the members service, and starts
`repattern serve` (gunicorn, DEBUG off, WhiteNoise) on a free port of 127.0.0.1. Then each
practitioner, in a thread of its own with an HTTP client of its own, signs in through the login
form, starts sessions through the "start session" form, and taps through them as the session
screen does: one POST per event with an id made on the device, the next tap chosen from the
answer, the state polled every 10 s and the screen reloaded now and then. Every 25th event is
sent twice at once (a double tap) and another sent again after its answer (a lost answer).

It prints requests and events per second, times by kind of request, every answer a browser
would not expect, and whether each event the server acknowledged is stored exactly once. Wall
times on a shared machine: the load average is printed beside them. Figures only; the bench
exits non-zero only when it could not run.

Run with `uv run repattern bench load [--database-url URL] [--clients N] [--seconds S]`.
The parts: `options`, `database` (which one it may use), `clinic` (data and people),
`server` (repattern serve), `practitioner` and `pages` (the simulated browsers),
`observations`, `report`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from repattern.bench.load.options import configure, is_postgres, parse_args
from repattern.bench.session.database import (
    create_postgres,
    drop_postgres,
    kept_by_the_bench,
    postgres_exists,
    refusal,
)

MISSING_HTTPX = (
    "The load bench needs httpx, which is in Repattern's bench dependency group: run it from a "
    "checkout with `uv run repattern bench load`, or `pip install httpx` beside an installed "
    "Repattern."
)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv, __doc__ or "")
    try:
        import httpx  # noqa: F401
    except ImportError:
        print(MISSING_HTTPX, file=sys.stderr)
        return 2
    import django
    import psycopg
    from django.conf import settings

    if settings.configured:
        print(
            "Django is already set up in this process; run the bench on its own: "
            "uv run repattern bench load",
            file=sys.stderr,
        )
        return 2
    var_dir = Path(tempfile.mkdtemp(prefix="repattern-load-"))
    url = configure(args, var_dir)
    postgres = is_postgres(url)
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
        print(
            f"Cannot reach PostgreSQL at {url}, so nothing was measured: {error}", file=sys.stderr
        )
        shutil.rmtree(var_dir, ignore_errors=True)
        return 2
    try:
        return run(args, url, var_dir)
    finally:
        from django.db import connections

        connections.close_all()
        if postgres and not args.keep:
            drop_postgres(url)
        if args.keep:
            print(f"kept          {var_dir} (the server's log, and the SQLite database if used)")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


def run(args: argparse.Namespace, url: str, var_dir: Path) -> int:
    from django.db import connections

    from repattern.bench.load.clinic import prepare
    from repattern.bench.load.observations import Observations
    from repattern.bench.load.practitioner import Practitioner, work_together
    from repattern.bench.load.report import Spent, check_events, print_figures, print_setup
    from repattern.bench.load.server import ServerDidNotStart, read_log, start_server

    clinic = prepare(args, url)
    # During the run the server's workers are the database's only users.
    connections.close_all()
    try:
        server = start_server(var_dir / "server.log", args.workers)
    except ServerDidNotStart as error:
        print(f"The server did not start, so nothing was measured. {error}", file=sys.stderr)
        return 2
    seen = Observations()
    try:
        print_setup(args, clinic, server)
        connections.close_all()
        practitioners = [
            Practitioner(
                base_url=server.url,
                username=username,
                password=clinic.password,
                client_ids=clinic.client_ids,
                muscles=clinic.muscles,
                seed=args.seed * 1000 + n,
                pause=args.pause,
                observations=seen,
            )
            for n, username in enumerate(clinic.usernames)
        ]
        print(f"practitioners at work for {args.seconds:g} s...", file=sys.stderr, flush=True)
        server_cpu, own_cpu = server.cpu_seconds(), time.process_time()
        elapsed = work_together(practitioners, args.seconds)
        server_cpu_after = server.cpu_seconds()
        spent = Spent(
            elapsed=elapsed,
            server_cpu=None
            if server_cpu is None or server_cpu_after is None
            else server_cpu_after - server_cpu,
            simulator_cpu=time.process_time() - own_cpu,
        )
    finally:
        server.stop()
    check = check_events(seen, clinic.usernames)
    print_figures(seen, spent, check, read_log(server.log), server)
    return 0
