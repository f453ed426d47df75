"""Wall time of the public `next_test` on one belief over 200 candidates, with and without
regions, with a point test model and with one that carries its uncertainty."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from functools import partial

import numpy as np

from repattern.bench.engine.scenarios import Bench
from repattern.bench.engine.statistics import rounded
from repattern.engine import Posterior, TestModel, next_test
from repattern.engine.policies import POLICIES
from repattern.engine.session import WINDOW_TESTS

TIMING_N = 200
TIMING_REGIONS = 10
# No limit; a full window (the default gathers information); its last tests (it plans).
TIMING_BUDGETS = (None, WINDOW_TESTS, 3)


def run_timing(bench: Bench) -> None:
    """Every policy at each budget; then the default policy with regions and a record model."""
    rng = bench.rng("timing")
    point = TestModel(0.85, 0.15)
    record = TestModel.from_record(17, 3, 9, 41)
    weights = rng.dirichlet(np.ones(TIMING_N))
    names = [f"c{i}:left" for i in range(TIMING_N)]
    belief = Posterior.from_prior(dict(zip(names, (float(w) for w in weights), strict=True)))
    for _ in range(10):
        belief = belief.observe(names[rng.integers(TIMING_N)], bool(rng.random() < 0.3), point)
    regions = {
        f"region {r}": tuple(rng.choice(names, size=int(rng.integers(3, 7)), replace=False))
        for r in range(TIMING_REGIONS)
    }
    table = {}
    for policy in POLICIES:
        for budget in TIMING_BUDGETS:
            call = partial(next_test, belief, point, budget=budget, policy=policy)
            table[f"{policy}, budget {budget}"] = _percentiles(call, bench)
    with_levels = belief.observe(names[0], False, record)
    for label, model, state in (
        ("point model", point, belief),
        ("record model", record, with_levels),
    ):
        for budget in TIMING_BUDGETS:
            call = partial(next_test, state, model, budget=budget, regions=regions)
            key = f"default, {TIMING_REGIONS} regions, {label}, budget {budget}"
            table[key] = _percentiles(call, bench)
    bench.results["timing"] = table
    bench.results["timing_load"] = rounded(machine_load())


def _percentiles(call: Callable[[], object], bench: Bench) -> dict[str, float]:
    wall, cpu = _time_calls(call, bench.settings.timing_calls)
    bench.progress.step("timing")
    return {
        "p50_ms": rounded(float(np.percentile(wall, 50)) * 1e3),
        "p99_ms": rounded(float(np.percentile(wall, 99)) * 1e3),
        "cpu_p50_ms": rounded(float(np.percentile(cpu, 50)) * 1e3),
        "cpu_p99_ms": rounded(float(np.percentile(cpu, 99)) * 1e3),
    }


def _time_calls(call: Callable[[], object], calls: int) -> tuple[np.ndarray, np.ndarray]:
    """Wall time and this process's CPU time per call, in seconds.

    On a machine shared with other work, wall time also counts the moments the process waits
    for a core; CPU time is what the call itself costs. The report shows both.
    """
    for _ in range(20):
        call()
    wall, cpu = np.empty(calls), np.empty(calls)
    for i in range(calls):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        wall[i] = time.perf_counter() - start
        cpu[i] = time.process_time() - start_cpu
    return wall, cpu


def machine_load() -> float:
    """The one-minute load average, to read the wall times by."""
    return os.getloadavg()[0]
