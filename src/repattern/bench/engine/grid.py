"""The main grid of the engine benchmark: every policy in every cell, and mixed challenges."""

from __future__ import annotations

from typing import Any

from repattern.bench.engine.episodes import BASELINES, CHART_ORDER, Episodes, Rates
from repattern.bench.engine.scenarios import TARGET_CELL, UNLISTED, Bench, Cell, Settings
from repattern.bench.engine.simulate import dirichlet_priors, draw_truth, simulate
from repattern.bench.engine.statistics import Bootstrap, fano_bound, rounded, summarize
from repattern.engine import TestModel
from repattern.engine.policies import DEFAULT_POLICY, POLICIES
from repattern.engine.session import WINDOW_TESTS

POLICY_NAMES = (*POLICIES, *BASELINES)


def grid_cells(settings: Settings) -> list[Cell]:
    return [
        Cell(n, noise, prior)
        for n in settings.sizes
        for noise in settings.noise
        for prior in settings.priors
    ]


def run_grid(bench: Bench, boot: Bootstrap) -> None:
    """The main grid: every policy, with no limit on tests and within a 12-test window.

    The target cell gets ten times the episodes, so that its ratio to chart order is measured
    to about +-0.01 rather than +-0.03.
    """
    table: dict[str, Any] = {}
    target_n, target_noise, target_prior = TARGET_CELL
    settings = bench.settings
    target_boot = Bootstrap(
        settings.target_episodes, settings.target_bootstrap, bench.rng("bootstrap-target")
    )
    cells = [*grid_cells(settings), Cell(target_n, target_noise, target_prior)]
    for cell in cells:
        is_target = cell.prior == target_prior
        episodes = settings.target_episodes if is_target else settings.episodes
        boot = target_boot if is_target else boot
        first = bench.run_cell(cell, POLICY_NAMES, None, "no limit", episodes=episodes)
        unlimited = first.runs
        window = bench.run_cell(
            cell,
            [p for p in POLICY_NAMES if p != CHART_ORDER],
            WINDOW_TESTS,
            "window",
            episodes=episodes,
        ).runs
        window[CHART_ORDER] = unlimited[CHART_ORDER]
        chart = unlimited[CHART_ORDER]
        row: dict[str, Any] = {"cell": cell.__dict__, "no_limit": {}, "window": {}}
        for policy in POLICY_NAMES:
            row["no_limit"][policy] = summarize(unlimited[policy], boot)
            row["window"][policy] = {
                **summarize(window[policy], boot),
                **ratios_to_chart(window[policy], chart, boot),
            }
        row["fano"] = fano(cell, unlimited[DEFAULT_POLICY], first.entropy)
        row["episodes"] = episodes
        if is_target:
            # The ceiling of the window: every one of its 12 tests spent, no early stop.
            spent = bench.run_cell(
                cell,
                (DEFAULT_POLICY, "most_probable"),
                WINDOW_TESTS,
                "no early stop",
                threshold=1.0,
                episodes=episodes,
            ).runs
            row["window_no_early_stop"] = {
                p: {**summarize(ep, boot), **ratios_to_chart(ep, chart, boot)}
                for p, ep in spent.items()
            }
        table[cell.name] = row
        bench.episodes[cell.name] = {
            "no_limit": unlimited[DEFAULT_POLICY],
            "window": window[DEFAULT_POLICY],
        }
    bench.results["grid"] = table


def ratios_to_chart(ep: Episodes, chart: Episodes, boot: Bootstrap) -> dict[str, list[float]]:
    """Success within the window against chart order's.

    Success is what the practitioner is left with when the window closes: the hypothesis named
    with confidence, or else the leading candidate (an undecided screen shows the leaders, not
    "none of these" at 15%). For every client, and for the clients whose compensator is listed;
    `ratio_to_chart_named` keeps the first report's measure, which credited naming the most
    probable hypothesis, "none of these" included, however unsure.
    """
    listed = ep.listed
    return {
        "ratio_to_chart": boot.ratio(ep.leader_right, chart.leader_right),
        "ratio_to_chart_listed": boot.ratio(ep.leader_right & listed, chart.leader_right & listed),
        "ratio_to_chart_named": boot.ratio(ep.success_in_window, chart.success_in_window),
    }


def fano(cell: Cell, ep: Episodes, entropy: float) -> dict[str, float]:
    capacity = TestModel(*cell.world).capacity
    error = 1.0 - float(ep.correct.mean())
    bound = fano_bound(entropy, error, cell.n + 1, capacity)
    mean = float(ep.tests.mean())
    return {
        "entropy_bits": rounded(entropy),
        "capacity_bits": rounded(capacity),
        "error": rounded(error),
        "bound": rounded(bound),
        "mean_tests": rounded(mean),
        "ratio": rounded(mean / bound) if bound > 0 else float("nan"),
    }


def run_mixed(bench: Bench, boot: Bootstrap) -> None:
    """Challenges that differ in reliability and in cost: where the policies part ways."""
    n, settings = 20, bench.settings
    rng = bench.rng("mixed")
    priors = dirichlet_priors(rng, settings.episodes, n, 1.0)
    truth = draw_truth(rng, priors, UNLISTED)
    rates = Rates(rng.uniform(0.65, 0.95, priors.shape), rng.uniform(0.05, 0.35, priors.shape))
    costs = rng.integers(1, 4, priors.shape).astype(float)
    table: dict[str, Any] = {}
    for budget, label in ((None, "no_limit"), (WINDOW_TESTS, "window")):
        table[label] = {}
        for policy in POLICY_NAMES:
            ep = simulate(
                priors,
                truth,
                rates,
                bench.rng("mixed", "answers", budget),
                policy=policy,
                budget=budget,
                costs=costs,
            )
            table[label][policy] = {**summarize(ep, boot), "mean_cost": boot.mean(ep.cost)}
            bench.progress.step(f"mixed challenges: {label}, {policy}")
    bench.results["mixed_challenges"] = table
