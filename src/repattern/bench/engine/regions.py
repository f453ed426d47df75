"""Region challenges: one contact over several candidates, in the target cell.

Each client gets random contacts of 3 to 6 candidates that overlap freely (half a region is a
contact too), or a fixed partition for contrast; a region challenge is as reliable as a single
one. Chart order, today's practice, still challenges one candidate at a time.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from repattern.bench.engine.episodes import CHART_ORDER
from repattern.bench.engine.grid import fano, ratios_to_chart
from repattern.bench.engine.scenarios import TARGET_CELL, Bench, Cell, RegionMaker
from repattern.bench.engine.simulate import partition_regions, random_regions
from repattern.bench.engine.statistics import Bootstrap, summarize
from repattern.engine.policies import DEFAULT_POLICY
from repattern.engine.session import WINDOW_TESTS

SMALLEST, LARGEST = 3, 6
# The target's contacts: N/2 random regions, so each candidate sits under about two or three.
TARGET_REGIONS = TARGET_CELL[0] // 2
REGION_COUNTS = (5, TARGET_REGIONS, 20)
PARTITION_SIZE = 4


def region_makers() -> dict[str, RegionMaker]:
    makers: dict[str, RegionMaker] = {
        f"{count} random regions": partial(_random, count) for count in REGION_COUNTS
    }
    makers[f"fixed partition into regions of {PARTITION_SIZE}"] = partial(
        _partition, PARTITION_SIZE
    )
    return makers


def target_scenario() -> str:
    return f"{TARGET_REGIONS} random regions"


def _random(count: int, rng: Any, clients: int, n: int) -> Any:
    return random_regions(rng, clients, n, count, SMALLEST, LARGEST)


def _partition(size: int, rng: Any, clients: int, n: int) -> Any:
    return partition_regions(rng, clients, n, size)


def run_regions(bench: Bench) -> None:
    """Success within the window and mean tests with no limit, with contacts available."""
    settings = bench.settings
    episodes = settings.target_episodes
    boot = Bootstrap(episodes, settings.target_bootstrap, bench.rng("bootstrap-regions"))
    cell = Cell(*TARGET_CELL)
    base = bench.run_cell(cell, (CHART_ORDER,), None, "regions", episodes=episodes)
    chart = base.runs[CHART_ORDER]
    table: dict[str, Any] = {}
    for label, maker in region_makers().items():
        policies = (DEFAULT_POLICY, "information_gain")
        window = bench.run_cell(
            cell, policies, WINDOW_TESTS, f"regions: {label}", episodes=episodes, regions=maker
        ).runs
        unlimited = bench.run_cell(
            cell, (DEFAULT_POLICY,), None, f"regions: {label}", episodes=episodes, regions=maker
        ).runs
        table[label] = {
            "window": {
                p: {**summarize(ep, boot), **ratios_to_chart(ep, chart, boot)}
                for p, ep in window.items()
            },
            "no_limit": summarize(unlimited[DEFAULT_POLICY], boot),
            "fano": fano(cell, unlimited[DEFAULT_POLICY], base.entropy),
        }
    bench.results["regions"] = {
        "cell": cell.name,
        "episodes": episodes,
        "sizes": [SMALLEST, LARGEST],
        "chart_order": summarize(chart, boot),
        "scenarios": table,
    }
