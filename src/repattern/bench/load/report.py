"""What the load bench prints: the set-up, the throughput, the times by kind of request, what
went wrong, and whether every acknowledged event is in the database exactly once."""

from __future__ import annotations

import argparse
import os
import statistics
from collections import Counter
from dataclasses import dataclass

from repattern.bench.load.clinic import BenchClinic
from repattern.bench.load.observations import Kind, Observations
from repattern.bench.load.server import Server, ServerLog
from repattern.bench.session.measuring import pick
from repattern.bench.session.report import database_words, machine_words, row_counts


@dataclass(frozen=True)
class EventCheck:
    """The acknowledged event ids held against the rows the server stored for them."""

    acknowledged: int
    stored: int
    lost: int
    duplicated: int
    unanswered: int
    replayed: int
    replayed_once: int


@dataclass(frozen=True)
class Spent:
    """The run's wall time, and the CPU time the server and the simulator used in it."""

    elapsed: float
    server_cpu: float | None
    simulator_cpu: float

    def words(self) -> str:
        cores = os.cpu_count() or 1
        server = "unknown (no /proc)" if self.server_cpu is None else f"{self.server_cpu:.1f} s"
        return (
            f"gunicorn {server}, this simulator {self.simulator_cpu:.1f} s, of the "
            f"{self.elapsed * cores:.0f} s that {cores} cores had in {self.elapsed:.1f} s"
        )


def check_events(seen: Observations, usernames: list[str]) -> EventCheck:
    """Every id answered 200 must be stored once, and no id stored that was never answered."""
    from repattern.treatment.models import SessionEvent

    rows = SessionEvent.objects.filter(session__practitioner__username__in=usernames)
    stored = Counter(str(event_id) for event_id in rows.values_list("event_id", flat=True))
    replayed = seen.double_tapped | seen.resent
    return EventCheck(
        acknowledged=len(seen.acknowledged),
        stored=sum(stored.values()),
        lost=len(seen.acknowledged - stored.keys()),
        duplicated=sum(1 for count in stored.values() if count > 1),
        unanswered=len(stored.keys() - seen.acknowledged),
        replayed=len(replayed),
        replayed_once=sum(1 for event_id in replayed if stored[event_id] == 1),
    )


def print_setup(args: argparse.Namespace, clinic: BenchClinic, server: Server) -> None:
    spent = clinic.seconds
    print(f"machine       {machine_words()}, before the run")
    print(f"database      {database_words()}")
    print(f"rows          {row_counts()}, seeded")
    print(
        f"set-up        migrate {spent['migrate']:.1f} s, seed {spent['seed']:.1f} s, "
        f"{len(clinic.usernames)} practitioners {spent['accounts']:.1f} s, "
        f"server answered after {server.ready_seconds:.1f} s"
    )
    print(
        f"server        repattern serve at {server.url}: gunicorn, {server.workers} sync "
        "workers, DEBUG off, static files by WhiteNoise"
    )
    pace = (
        f"a pause of {args.pause:g} s on average between taps"
        if args.pause
        else "the next tap as soon as the screen answers"
    )
    print(f"load          {len(clinic.usernames)} practitioners for {args.seconds:g} s, {pace}")


def print_figures(
    seen: Observations, spent: Spent, check: EventCheck, log: ServerLog, server: Server
) -> None:
    elapsed = spent.elapsed
    print(
        f"\nthroughput    {seen.requests:,} requests in {elapsed:.1f} s: "
        f"{seen.requests / elapsed:.1f} requests/s; {check.acknowledged:,} events "
        f"acknowledged: {check.acknowledged / elapsed:.1f} events/s; "
        f"{seen.sessions_started:,} sessions started"
    )
    print("\nwaited, as the practitioner's browser timed each request")
    print_times(seen.ms)
    print(
        f"\nin a worker, as gunicorn timed them: the rest of the wait above was the queue for "
        f"one of the {server.workers} workers\n('event' here counts the double taps and resends)"
    )
    print_times(log.ms)
    print()
    print_errors(seen)
    print(
        f"events        {check.acknowledged:,} acknowledged, {check.stored:,} stored: "
        f"{check.lost} lost, {check.duplicated} duplicated, "
        f"{check.unanswered} stored without an answer"
    )
    print(
        f"replays       {len(seen.double_tapped)} double taps and {len(seen.resent)} resends: "
        f"{check.replayed_once} of {check.replayed} stored exactly once"
    )
    print(
        f"server log    {log.internal_errors} internal server errors, "
        f"{log.locked} lines saying 'database is locked', {log.worker_timeouts} worker "
        f"time-outs, {log.workers_booted} workers booted for {server.workers}"
    )
    for line, count in log.errors.most_common(3):
        print(f"              {count:,}: {line}")
    database = " (PostgreSQL's own processes not counted)" if postgres_in_use() else ""
    print(f"cpu time      {spent.words()}{database}")
    print(f"machine       {machine_words()}, after the run")


def print_times(ms: dict[Kind, list[float]]) -> None:
    print(f"{'kind':<14} {'n':>6} {'mean':>8} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}   ms")
    for kind in Kind:
        times = sorted(ms.get(kind, []))
        if times:
            print(
                f"{kind.value:<14} {len(times):6d} {statistics.fmean(times):8.1f} "
                f"{pick(times, 0.50):8.1f} {pick(times, 0.95):8.1f} {pick(times, 0.99):8.1f} "
                f"{times[-1]:8.1f}"
            )


def print_errors(seen: Observations) -> None:
    """Every answer the simulator did not expect, by kind of request and status."""
    if not seen.unexpected:
        print("errors        none: every answer was the one a browser expects")
        return
    total = sum(seen.unexpected.values())
    print(f"errors        {total:,} unexpected answers")
    for (kind, status), count in sorted(seen.unexpected.items()):
        words = seen.samples[(kind, status)]
        print(f"              {kind.value} {status}, {count:,} times: {words[:100]}")


def postgres_in_use() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"
