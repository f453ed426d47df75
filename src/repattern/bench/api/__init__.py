"""How long the API takes: list 10,000 clients, and export a client's FHIR bundle of 50 sessions.

Seeds one clinic (clients inserted in bulk; the bundle's client registered, screened and treated
through the services, every event through the session rules), then times through
django.test.Client with a read token, as a program would call it:

    list     GET /api/v1/clients, every page, at --page clients a page
    page     one page of 100 clients, from a random place in the list
    bundle   GET /api/v1/fhir/Patient/<id>/$everything for the client with the sessions

Run with `uv run repattern bench api [--database-url URL]` (default: a fresh SQLite file).
Prints figures; never passes or fails.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from repattern.bench.own_database import in_own_database
from repattern.bench.session.database import empty_database

FULL = {"clients": 10_000, "sessions": 50, "repeats": 5}
QUICK = {"clients": 300, "sessions": 3, "repeats": 2}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="repattern bench api",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="e.g. postgres://postgres@127.0.0.1:5432/repattern_bench_api "
        "(default: a fresh SQLite file in a temporary directory)",
    )
    parser.add_argument("--clients", type=int, help=f"default {FULL['clients']:,}")
    parser.add_argument("--sessions", type=int, help=f"default {FULL['sessions']}")
    parser.add_argument(
        "--repeats", type=int, help=f"timed runs of each, default {FULL['repeats']}"
    )
    parser.add_argument("--page", type=int, default=1000, help="clients a page, at most 1000")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, for a smoke test")
    args = parser.parse_args(argv)
    for name, value in (QUICK if args.quick else FULL).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if min(args.clients, args.sessions, args.repeats) < 1 or not 1 <= args.page <= 1000:
        parser.error("--clients, --sessions and --repeats are at least 1; --page 1 to 1000.")
    args.keep = False
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    return in_own_database(args, "api", lambda url, _var_dir: _run(args, url))


def _run(args: argparse.Namespace, url: str) -> int:
    from repattern.bench.api.run import run

    empty_database(url)
    return run(args)
