"""Benchmark of the inference engine against today's practice, on simulated clients.

Run with `repattern bench engine [--episodes N] [--quick] [--out DIR]`. Writes engine.md,
engine.json and engine.png to DIR (docs/bench by default, relative to where it is run).
Prints figures; it never passes or fails on them. Every figure carries a 95% bootstrap interval.

The package: `simulate` (simulated clients, with `episodes` and `beliefs`), `scenarios` (the
populations), the measurements (`grid`, `regions`, `robustness`, `learning`, `timing`), and the
report (`targets`, `report`, `sections`, `plot`).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from repattern.bench.engine.grid import POLICY_NAMES, grid_cells, run_grid, run_mixed
from repattern.bench.engine.learning import run_learning
from repattern.bench.engine.progress import Progress
from repattern.bench.engine.regions import region_makers, run_regions
from repattern.bench.engine.report import no_nan, write_markdown
from repattern.bench.engine.robustness import (
    CLINIC_SHARES,
    NONE_SHARES,
    WRONG_MODELS,
    run_clinic_shares,
    run_records,
    run_unlisted,
    run_wrong_models,
)
from repattern.bench.engine.scenarios import AtlasPriors, Bench, Settings
from repattern.bench.engine.statistics import Bootstrap
from repattern.bench.engine.targets import first_targets, targets
from repattern.bench.engine.timing import TIMING_BUDGETS, run_timing
from repattern.engine.policies import DEFAULT_POLICY, POLICIES

OUT = Path("docs") / "bench"  # relative to where it is run: the checkout, in practice


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="repattern bench engine", description=__doc__)
    parser.add_argument(
        "--episodes",
        type=int,
        default=None,
        help="episodes per cell (default 10000; 200 with --quick)",
    )
    parser.add_argument("--quick", action="store_true", help="a small run, for a smoke test")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the report")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        from repattern.bench.engine.plot import write_plot
    except ImportError:
        print(
            "The engine bench draws its plot with matplotlib, which comes with the 'bench' "
            "dependency group (uv sync installs it); beside an installed wheel: "
            "pip install matplotlib.",
            file=sys.stderr,
        )
        return 2
    settings = Settings.from_args(args)
    started = time.perf_counter()
    bench = Bench(settings, AtlasPriors(), Progress(_runs(settings)))
    boot = Bootstrap(settings.episodes, settings.bootstrap, bench.rng("bootstrap"))
    # Timed first, before the machine is warm with the long runs.
    run_timing(bench)
    run_grid(bench, boot)
    run_regions(bench)
    run_unlisted(bench, boot)
    run_records(bench, boot)
    run_clinic_shares(bench, boot)
    run_wrong_models(bench, boot)
    run_mixed(bench, boot)
    run_learning(bench, bench.rng("bootstrap-clinics"))
    results = bench.results
    results["meta"] = {
        "command": "repattern bench engine"
        + (" --quick" if args.quick else "")
        + (f" --episodes {args.episodes}" if args.episodes else ""),
        "episodes": settings.episodes,
        "bootstrap": settings.bootstrap,
        "seed": settings.seed,
        "seconds": time.perf_counter() - started,
        "default_policy": DEFAULT_POLICY,
        "machine": f"{platform.machine()}, Python {platform.python_version()}, "
        f"NumPy {np.__version__}",
    }
    results["targets"] = targets(results)
    results["first_targets"] = first_targets(results)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "engine.json").write_text(json.dumps(no_nan(results), indent=1))
    write_markdown(args.out / "engine.md", results)
    write_plot(args.out / "engine.png", results, bench)
    for t in [*results["targets"], *results["first_targets"]]:
        print(f"{'reached' if t['reached'] else 'NOT reached'}: {t['target']}: {t['figure']}")
    return 0


def _runs(settings: Settings) -> int:
    """How many runs the progress lines count to."""
    cells = len(grid_cells(settings)) + 1
    unlisted = len(settings.sizes) * len(settings.noise) * 6 + len(NONE_SHARES) * 4
    return (
        cells * (2 * len(POLICY_NAMES) - 1)
        + 2
        + 1
        + len(region_makers()) * 3
        + unlisted
        + 3 * 4
        + len(CLINIC_SHARES) * 4
        + len(WRONG_MODELS) * 4
        + 2 * len(POLICY_NAMES)
        + settings.learning_sites
        + len(TIMING_BUDGETS) * (len(POLICIES) + 2)
    )


if __name__ == "__main__":
    sys.exit(main())
