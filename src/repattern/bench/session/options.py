"""The bench's sizes and options, and the settings it points Django at."""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

BENCH_CLINIC = "Bench Clinic"
TARGET_MS = 50.0
KEPT_SQLITE = Path(tempfile.gettempdir()) / "repattern-bench" / "session.sqlite3"
FULL = {"clients": 10_000, "events": 100_000, "samples": 300}
QUICK = {"clients": 60, "events": 500, "samples": 16}


def parse_args(argv: Sequence[str] | None, description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="repattern bench session",
        description=description,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="e.g. postgres://postgres@127.0.0.1:5432/repattern_bench "
        "(default: a fresh SQLite file in a temporary directory)",
    )
    parser.add_argument("--clients", type=int, help=f"default {FULL['clients']:,}")
    parser.add_argument("--events", type=int, help=f"default {FULL['events']:,}")
    parser.add_argument(
        "--samples",
        type=int,
        help=f"test and challenge calls to time on each path, default {FULL['samples']}",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the seeded database and reuse it when the sizes match",
    )
    parser.add_argument("--quick", action="store_true", help="tiny default sizes, for a smoke test")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="then profile the HTTP path and print where its time goes",
    )
    parser.add_argument("--seed", type=int, default=5, help="random seed")
    args = parser.parse_args(argv)
    for name, value in (QUICK if args.quick else FULL).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.clients < 1 or args.events < 0 or args.samples < 1:
        parser.error("--clients and --samples must be at least 1, --events at least 0.")
    return args


def configure(args: argparse.Namespace, var_dir: Path) -> str:
    """Point the settings at the bench database; returns the database URL."""
    url = args.database_url
    if not url:
        path = KEPT_SQLITE if args.keep else var_dir / "bench.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{path}"
    # Settings read these at import, so they are set before django.setup().
    os.environ["DATABASE_URL"] = url
    os.environ["REPATTERN_VAR_DIR"] = str(var_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "repattern.settings"
    os.environ["DEBUG"] = "false"
    return url
