"""The load bench's sizes and options, and the environment the bench and its server share."""

from __future__ import annotations

import argparse
import os
import secrets
from collections.abc import Sequence
from pathlib import Path

# The seeded history has ten events a client, as the session bench's 10,000 and 100,000.
EVENTS_PER_CLIENT = 10
FULL = {"clients": 2_000, "practitioners": 20, "seconds": 60.0}
QUICK = {"clients": 40, "practitioners": 3, "seconds": 8.0}


def parse_args(argv: Sequence[str] | None, description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="repattern bench load",
        description=description,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="e.g. postgres://postgres@127.0.0.1:5432/repattern_load "
        "(default: a fresh SQLite file in a temporary directory)",
    )
    parser.add_argument(
        "--clients",
        type=int,
        help=f"clients to seed, {EVENTS_PER_CLIENT} past events each; default {FULL['clients']:,}",
    )
    parser.add_argument(
        "--practitioners", type=int, help=f"signed in at once, default {FULL['practitioners']}"
    )
    parser.add_argument(
        "--seconds", type=float, help=f"how long they work, default {FULL['seconds']:.0f}"
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=0.0,
        help="mean seconds a practitioner waits between taps (default 0: the next tap as soon "
        "as the screen answers, the heaviest a practitioner can load it)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=3,
        help="gunicorn workers for repattern serve, default 3 (its own default)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the PostgreSQL database, or the SQLite file and the server log, afterwards",
    )
    parser.add_argument(
        "--quick", action="store_true", help="a few seconds, a few practitioners, a small seed"
    )
    parser.add_argument("--seed", type=int, default=5, help="random seed")
    args = parser.parse_args(argv)
    for name, value in (QUICK if args.quick else FULL).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.clients < 1 or args.practitioners < 1 or args.workers < 1:
        parser.error("--clients, --practitioners and --workers must be at least 1.")
    if args.seconds <= 0 or args.pause < 0:
        parser.error("--seconds must be more than 0, and --pause at least 0.")
    # The session bench's seeder reads its sizes off the same namespace.
    args.events = args.clients * EVENTS_PER_CLIENT
    return args


def configure(args: argparse.Namespace, var_dir: Path) -> str:
    """Set the environment the bench and the server it starts both read; returns the URL.

    Settings read these at import, so they are set before django.setup(), and the server's
    subprocess inherits them: one database, one secret key, one static folder.
    """
    url = args.database_url or f"sqlite:///{var_dir / 'load.sqlite3'}"
    os.environ["DATABASE_URL"] = url
    os.environ["REPATTERN_VAR_DIR"] = str(var_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "repattern.settings"
    os.environ["DEBUG"] = "false"
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1"
    return url


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres:", "postgresql:", "pgsql:"))
