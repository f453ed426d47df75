"""How long the research export takes and how big it is, on a clinic of 10,000 clients.

The bench seeds one clinic as the Today bench does (10,000 clients, their sessions, patterns,
pain ratings, home programs and days of exercises done), then runs `repattern export research`
into a temporary folder and prints the time, the bytes written per file and what k-anonymity
generalized and suppressed.

Run with `uv run repattern bench research [--database-url URL] [--k N]`. Prints figures;
never passes or fails. The database is made for the run and dropped after it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from repattern.bench.own_database import in_own_database
from repattern.bench.session.database import (
    empty_database,
)
from repattern.bench.session.report import database_words, machine_words, row_counts

FULL = {"clients": 10_000, "events": 50_000, "adherence": 100_000}
QUICK = {"clients": 300, "events": 1_000, "adherence": 3_000}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="repattern bench research",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file")
    for name, value in FULL.items():
        parser.add_argument(f"--{name}", type=int, help=f"default {value:,}")
    parser.add_argument("--k", type=int, default=5, help="k of k-anonymity, default 5")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, for a smoke test")
    parser.add_argument("--seed", type=int, default=5, help="random seed of the clinic")
    args = parser.parse_args(argv)
    for name, value in (QUICK if args.quick else FULL).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.clients < 1 or args.k < 1 or min(args.events, args.adherence) < 0:
        parser.error("--clients and --k must be at least 1, --events and --adherence 0 or more.")
    args.keep = False
    args.appointments = 1
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    return in_own_database(args, "research", lambda url, var_dir: run(args, url, var_dir))


def run(args: argparse.Namespace, url: str, var_dir: Path) -> int:
    from django.core.management import call_command

    from repattern.accounts.models import Clinic
    from repattern.bench.today.seeding import seed
    from repattern.research.export import research_export

    empty_database(url)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    seed(args)
    _episodes_and_measures(args.seed)
    print(f"machine       {machine_words()}")
    print(f"database      {database_words()}")
    print(f"rows          {row_counts()}")
    print(f"set-up        {time.perf_counter() - started:.1f} s")
    folder = var_dir / "research"
    started = time.perf_counter()
    report = research_export(Clinic.objects.get(), folder, k=args.k, region="bench")
    seconds = time.perf_counter() - started
    print(f"\nexport        {seconds:.2f} s for {report.clients:,} clients (k = {args.k})")
    print(
        f"kept          {report.kept:,} clients; {report.generalized:,} generalized, "
        f"{report.suppressed:,} suppressed"
    )
    print(f"size          {report.bytes:,} bytes in all")
    for file in sorted(folder.iterdir()):
        rows = report.rows.get(file.stem)
        counted = f"{rows:>9,} rows" if rows is not None else ""
        print(f"    {file.name:<22} {file.stat().st_size:>12,} bytes {counted}")
    print(f"\nmachine       {machine_words()}, after the export")
    return 0


def _episodes_and_measures(seed: int) -> None:
    """A care plan for every client with sessions, the sessions under it, and a pain score
    (NPRS) before and after each session, in bulk."""
    import random

    from django.contrib.auth.models import User
    from django.db import transaction
    from django.utils import timezone

    from repattern.outcomes.models import Response
    from repattern.treatment.models import CarePlan, TreatmentSession

    rng = random.Random(seed + 11)
    author = User.objects.order_by("pk").first()
    sessions = list(
        TreatmentSession.objects.values_list("pk", "client_id", "started_at").order_by("started_at")
    )
    first: dict[int, object] = {}
    for _, client_id, started_at in sessions:
        first.setdefault(client_id, started_at)
    with transaction.atomic():
        plans = CarePlan.objects.bulk_create(
            [
                CarePlan(
                    client_id=client_id,
                    complaint="Bench complaint",
                    start_date=timezone.localdate(started_at),  # type: ignore[arg-type]
                    created_by=author,
                )
                for client_id, started_at in first.items()
            ],
            batch_size=2000,
        )
        plan_of = {plan.client_id: plan.pk for plan in plans}
        TreatmentSession.objects.bulk_update(
            [
                TreatmentSession(pk=pk, care_plan_id=plan_of[client_id])
                for pk, client_id, _ in sessions
            ],
            ["care_plan"],
            batch_size=2000,
        )
        Response.objects.bulk_create(
            [
                Response(
                    client_id=client_id,
                    instrument="nprs",
                    phase=phase,
                    authored=started_at,
                    session_id=pk,
                    care_plan_id=plan_of[client_id],
                    entered_by=Response.EnteredBy.SESSION,
                    actor="bench",
                    score=float(rng.randint(0, 10)),
                )
                for pk, client_id, started_at in sessions
                for phase in ("before", "after")
            ],
            batch_size=2000,
        )


if __name__ == "__main__":
    sys.exit(main())
