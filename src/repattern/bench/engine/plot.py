"""The engine benchmark's figure: success, tests, calibration, learning and regions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from repattern.bench.engine.grid import POLICY_NAMES
from repattern.bench.engine.scenarios import Bench, Cell
from repattern.engine.policies import DEFAULT_POLICY, DEFAULT_THRESHOLD


def write_plot(path: Path, results: dict[str, Any], bench: Bench) -> None:
    fig, axes = plt.subplots(2, 3, figsize=(17, 9))
    sizes = bench.settings.sizes
    noise = (0.85, 0.15)
    rows = [results["grid"][Cell(n, noise, "dirichlet:1").name] for n in sizes]
    ax = axes[0, 0]
    for p in POLICY_NAMES:
        ax.plot(sizes, [r["window"][p]["leader_right"][0] for r in rows], marker="o", label=p)
    ax.set(
        title="Success within 12 tests (0.85/0.15, Dirichlet(1))",
        xlabel="candidates N",
        ylabel="share of clients",
        ylim=(0, 1),
    )
    ax.legend(fontsize=8)
    ax = axes[0, 1]
    for p in (DEFAULT_POLICY, "most_probable", "fixed_order", "random_order"):
        ax.plot(sizes, [r["no_limit"][p]["mean_tests"][0] for r in rows], marker="o", label=p)
    ax.plot(sizes, [r["fano"]["bound"] for r in rows], "k--", label="Fano bound")
    ax.set(
        title=f"Mean tests to stop at {DEFAULT_THRESHOLD} (0.85/0.15, Dirichlet(1))",
        xlabel="candidates N",
        ylabel="tests",
        yscale="log",
    )
    ax.legend(fontsize=8)
    _calibration_plot(axes[1, 0], bench)
    ax = axes[1, 1]
    curve = results["learning"]["curve"]
    ax.plot([int(k) for k in curve], list(curve.values()), marker="o", label="learned priors")
    ax.axhline(
        results["learning"]["mean_tests_atlas"][0],
        color="grey",
        linestyle="--",
        label="atlas priors alone",
    )
    ax.set(title="Learning a clinic's patterns", xlabel="sessions", ylabel="mean tests")
    ax.legend(fontsize=8)
    _regions_plot(axes[0, 2], results)
    _unlisted_plot(axes[1, 2], results)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _calibration_plot(ax: Any, bench: Bench) -> None:
    conf, correct = [], []
    for runs in bench.episodes.values():
        ep = runs["window"]
        conf.append(ep.confidence)
        correct.append(ep.correct)
    c, k = np.concatenate(conf), np.concatenate(correct).astype(float)
    bins = np.minimum((c * 10).astype(int), 9)
    xs = [c[bins == b].mean() for b in range(10) if (bins == b).sum() >= 50]
    ys = [k[bins == b].mean() for b in range(10) if (bins == b).sum() >= 50]
    ax.plot([0, 1], [0, 1], "k--", linewidth=1)
    ax.plot(xs, ys, marker="o")
    ax.set(
        title="Calibration within a 12-test window (all right-model cells)",
        xlabel="probability of what was named",
        ylabel="share right",
        xlim=(0, 1),
        ylim=(0, 1),
    )


def _regions_plot(ax: Any, results: dict[str, Any]) -> None:
    scenarios = results["regions"]["scenarios"]
    labels = list(scenarios)
    ratios = [scenarios[k]["window"][DEFAULT_POLICY]["ratio_to_chart"][0] for k in labels]
    ax.barh(range(len(labels)), ratios, color="tab:green")
    ax.set_yticks(
        range(len(labels)),
        [k.replace(" into regions of", "\ninto regions of") for k in labels],
        fontsize=8,
    )
    ax.axvline(1.6, color="grey", linestyle="--", label="target 1.6x")
    ax.set(title="With regions: success within 12, x chart order", xlabel="ratio to chart order")
    ax.legend(fontsize=8)


def _unlisted_plot(ax: Any, results: dict[str, Any]) -> None:
    rows = results["unlisted"]
    labels = [name.split(", dirichlet")[0] for name in rows]
    values = [row["no_limit"][DEFAULT_POLICY]["false_confident"][0] for row in rows.values()]
    ax.barh(range(len(labels)), values, color="tab:red")
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    ax.axvline(0.05, color="grey", linestyle="--", label="target 5%")
    ax.set(title="Truth not listed: named a listed one with confidence", xlabel="share of clients")
    ax.legend(fontsize=8)
