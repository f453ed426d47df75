"""Timing calls, counting their queries, and profiling them."""

from __future__ import annotations

import cProfile
import pstats
import statistics
import sys
import time
from dataclasses import dataclass, field

from repattern.bench.session.driving import Call, Driver


@dataclass
class Timings:
    """Milliseconds per call by event kind: wall time, and this process's CPU time."""

    label: str
    ms: dict[str, list[float]] = field(default_factory=dict)
    cpu_ms: dict[str, list[float]] = field(default_factory=dict)

    def of(self, *kinds: str, cpu: bool = False) -> list[float]:
        times = self.cpu_ms if cpu else self.ms
        return sorted(t for kind in kinds for t in times.get(kind, []))

    def line(self, name: str, times: list[float]) -> str:
        return (
            f"{self.label:<8} {name:<16} {len(times):6d} {statistics.fmean(times):8.1f} "
            f"{pick(times, 0.50):8.1f} {pick(times, 0.95):8.1f} "
            f"{pick(times, 0.99):8.1f} {times[-1]:8.1f}"
        )


def pick(ordered: list[float], q: float) -> float:
    """The q-quantile of sorted values, nearest rank."""
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


RANKED = ("test", "challenge")


def measure(label: str, call: Call, driver: Driver, samples: int) -> Timings:
    """Time calls until `samples` test and challenge events are timed; the pattern steps that
    come between them are timed too, and reported apart."""
    timings = Timings(label)
    plays = driver.plays()
    while len(timings.of(*RANKED)) < samples:
        session_id, fields, reply = next(plays)
        start, cpu = time.perf_counter(), time.process_time()
        answer = call(session_id, fields)
        kind = fields["kind"]
        timings.ms.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
        timings.cpu_ms.setdefault(kind, []).append((time.process_time() - cpu) * 1000)
        reply(answer)
        progress(f"timing {label}", len(timings.of(*RANKED)), samples)
    return timings


def progress(what: str, done: int, total: int) -> None:
    """A line on stderr every tenth of the way: the full bench runs for minutes."""
    step = max(1, total // 10)
    if done % step == 0 or done == total:
        print(f"{what}: {done:,} of {total:,}", file=sys.stderr, flush=True)


def first_call_ms(call: Call, driver: Driver) -> float:
    """The first call in the process, with cold caches (atlas, templates), then a warm-up."""
    plays = driver.plays()
    session_id, fields, reply = next(plays)
    start = time.perf_counter()
    reply(call(session_id, fields))
    cold = (time.perf_counter() - start) * 1000
    for _ in range(4):
        session_id, fields, reply = next(plays)
        reply(call(session_id, fields))
    return cold


def queries_per_call(call: Call, driver: Driver) -> list[str]:
    """Queries each call makes over one whole played session, as `kind:count`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    plays = driver.plays()
    session_id, fields, reply = next(plays)
    first = session_id
    while session_id == first:
        with CaptureQueriesContext(connection) as captured:
            answer = call(session_id, fields)
        counts.append(f"{fields['kind']}:{len(captured.captured_queries)}")
        reply(answer)
        session_id, fields, reply = next(plays)
    return counts


def profile(call: Call, driver: Driver, samples: int) -> None:
    profiler = cProfile.Profile()
    plays = driver.plays()
    for _ in range(samples):
        session_id, fields, reply = next(plays)
        profiler.enable()
        answer = call(session_id, fields)
        profiler.disable()
        reply(answer)
    print(f"\nprofile of {samples} HTTP calls, by cumulative time:")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(30)
