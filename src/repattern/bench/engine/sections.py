"""The tables of the engine benchmark report, one function per section."""

from __future__ import annotations

import math
from typing import Any

from repattern.bench.engine.episodes import CHART_ORDER
from repattern.bench.engine.grid import POLICY_NAMES
from repattern.bench.engine.scenarios import PRIORS, TARGET_CELL, Cell
from repattern.bench.engine.timing import TIMING_N
from repattern.engine.policies import DEFAULT_POLICY


def pm(x: list[float], pct: bool = False, digits: int = 2) -> str:
    if not x or not math.isfinite(x[0]):
        return "n/a"
    if pct:
        return f"{x[0]:.1%} [{x[1]:.1%}, {x[2]:.1%}]"
    return f"{x[0]:.{digits}f} [{x[1]:.{digits}f}, {x[2]:.{digits}f}]"


def target_cell_section(results: dict[str, Any]) -> list[str]:
    row = results["grid"][Cell(*TARGET_CELL).name]
    lines = [
        "## The target cell: N=20, s/f 0.85/0.15, Dirichlet(0.5) priors, single challenges",
        "",
        "| policy | success within 12 | x chart order | listed only | x chart order | "
        "first report's measure | mean tests (no limit) | p95 tests | accuracy |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for p in POLICY_NAMES:
        w, u = row["window"][p], row["no_limit"][p]
        lines.append(
            f"| {p} | {pm(w['leader_right'], True)} | {pm(w['ratio_to_chart'])} | "
            f"{pm(w['leader_right_listed'], True)} | {pm(w['ratio_to_chart_listed'])} | "
            f"{pm(w['ratio_to_chart_named'])} | {pm(u['mean_tests'], digits=1)} | "
            f"{u['p95_tests'][0]:.0f} | {pm(u['accuracy'], True)} |"
        )
    return [*lines, ""]


def regions_section(results: dict[str, Any]) -> list[str]:
    found = results["regions"]
    lines = [
        "## Region challenges",
        "",
        f"{found['cell']}, {found['episodes']} clients per scenario. Each client gets contacts "
        f"of {found['sizes'][0]} to {found['sizes'][1]} random candidates that overlap freely, "
        "or a fixed partition; a region challenge is as reliable as a single one. Chart order "
        f"(success within 12: {pm(found['chart_order']['leader_right'], True)}) challenges one "
        "candidate at a time.",
        "",
        "| contacts | policy | success within 12 | x chart order | listed only, x chart | "
        "region challenges used | mean tests (no limit) | accuracy | Fano bound | ratio |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, scenario in found["scenarios"].items():
        u, fano = scenario["no_limit"], scenario["fano"]
        for policy, w in scenario["window"].items():
            lines.append(
                f"| {label} | {policy} | {pm(w['leader_right'], True)} | "
                f"{pm(w['ratio_to_chart'])} | {pm(w['ratio_to_chart_listed'])} | "
                f"{w['regions_used'][0]:.1f} | {pm(u['mean_tests'], digits=1)} | "
                f"{u['accuracy'][0]:.3f} | {fano['bound']:.1f} | {fano['ratio']:.2f} |"
            )
    return [*lines, ""]


def records_section(results: dict[str, Any]) -> list[str]:
    found = results["records"]
    lines = [
        "## A wrong test model, and models from a record",
        "",
        "N=20, Dirichlet(1); the practitioner's tests are really 0.75/0.25. The point model is "
        f"told 0.85/0.15. Each of {found['practitioners']} simulated practitioners has a record "
        f"of {found['tests_per_record']} blinded tests with a known answer (half on the "
        "compensator), drawn from the truth, and their clients' searches use "
        "`TestModel.from_record` of those counts, starting from the cautious defaults or from "
        "the told figures.",
        "",
        "| engine's model | accuracy when confident | false-confident when not listed | "
        "mean tests | ECE | success within 12 | false-confident within 12 |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, row in found["rows"].items():
        u, w = row["listed, no_limit"], row["listed, window"]
        lines.append(
            f"| {label} | {pm(u['accuracy_when_confident'], digits=3)} | "
            f"{pm(row['not_listed, no_limit']['false_confident'], True)} | "
            f"{u['mean_tests'][0]:.1f} | {u['ece'][0]:.3f} | {w['leader_right'][0]:.1%} | "
            f"{row['not_listed, window']['false_confident'][0]:.1%} |"
        )
    return [*lines, ""]


def clinic_share_section(results: dict[str, Any]) -> list[str]:
    found = results["clinic_shares"]
    lines = [
        "## A clinic's own share of unlisted compensators",
        "",
        f"N=20, 0.85/0.15, Dirichlet(0.5). {found['clinics']} clinics each learned a share "
        f"from {found['patterns']} corrected patterns (`learned_none_share`); their clients' "
        "searches use it, or the default share.",
        "",
        "| unlisted share | engine's share | ECE | ECE (window) | accuracy when confident | "
        "false-confident when not listed | mean tests |",
        "|---|---|---|---|---|---|---|",
    ]
    for share, row in found["rows"].items():
        for label in ("default", "learned"):
            u, w = row[f"{label}, no_limit"], row[f"{label}, window"]
            used = f"learned, mean {row['learned_mean']:.3f}" if label == "learned" else label
            lines.append(
                f"| {float(share):.0%} | {used} | {pm(u['ece'], digits=3)} | "
                f"{pm(w['ece'], digits=3)} | {u['accuracy_when_confident'][0]:.3f} | "
                f"{pm(u['false_confident'], True)} | {u['mean_tests'][0]:.1f} |"
            )
    return [*lines, ""]


def grid_sections(results: dict[str, Any]) -> list[str]:
    grid = [
        r
        for r in results["grid"].values()
        if r["cell"]["prior"] in PRIORS and r["cell"]["engine"] is None
    ]
    lines = [
        "## Grid: success within a 12-test window",
        "",
        "| cell | " + " | ".join(POLICY_NAMES) + " |",
        "|---|" + "---|" * len(POLICY_NAMES),
    ]
    for row in grid:
        cells = " | ".join(f"{row['window'][p]['leader_right'][0]:.1%}" for p in POLICY_NAMES)
        lines.append(f"| {_cell_name(row)} | {cells} |")
    lines += [
        "",
        "## Grid: mean tests with no limit, accuracy and calibration (default policy)",
        "",
        "| cell | mean tests | p95 | accuracy | accuracy when confident | Brier | "
        "ECE | ECE (window) | Fano bound | ratio | fixed order | random order |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in grid:
        u, w, fano = row["no_limit"], row["window"][DEFAULT_POLICY], row["fano"]
        d = u[DEFAULT_POLICY]
        lines.append(
            f"| {_cell_name(row)} | {pm(d['mean_tests'], digits=1)} | {d['p95_tests'][0]:.0f} "
            f"| {d['accuracy'][0]:.3f} | {d['accuracy_when_confident'][0]:.3f} | "
            f"{d['brier'][0]:.3f} | {d['ece'][0]:.3f} | {w['ece'][0]:.3f} | "
            f"{fano['bound']:.1f} | {fano['ratio']:.2f} | "
            f"{u['fixed_order']['mean_tests'][0]:.1f} | {u['random_order']['mean_tests'][0]:.1f} |"
        )
    return [*lines, ""]


def _cell_name(row: dict[str, Any]) -> str:
    c = row["cell"]
    return f"N={c['n']} {c['world'][0]}/{c['world'][1]} {c['prior']}"


def unlisted_section(results: dict[str, Any]) -> list[str]:
    lines = [
        "## When the true compensator is not listed",
        "",
        "False-confident rate (Dirichlet(1) priors, 'none of these' share 0.05).",
        "",
        f"| cell | {DEFAULT_POLICY}, no limit | {DEFAULT_POLICY}, window | chart order | "
        "named 'none of these' (no limit) | mean tests (no limit) |",
        "|---|---|---|---|---|---|",
    ]
    for name, row in results["unlisted"].items():
        d = row["no_limit"][DEFAULT_POLICY]
        none_named = d["confident_share"][0] - d["false_confident"][0]
        lines.append(
            f"| {name.split(', dirichlet')[0]} | {pm(d['false_confident'], True)} | "
            f"{pm(row['window'][DEFAULT_POLICY]['false_confident'], True)} | "
            f"{row['no_limit'][CHART_ORDER]['false_confident'][0]:.1%} | "
            f"{none_named:.1%} | {d['mean_tests'][0]:.1f} |"
        )
    lines += [
        "",
        "### Share for 'none of these' (N=20, 0.85/0.15, Dirichlet(0.5))",
        "",
        "| share | false-confident, no limit | false-confident, window | mean tests when "
        "listed | success within 12 when listed | ECE (window) when listed |",
        "|---|---|---|---|---|---|",
    ]
    for share, row in results["none_share_sweep"].items():
        lines.append(
            f"| {share} | {pm(row['no_limit']['not_listed']['false_confident'], True)} | "
            f"{pm(row['window']['not_listed']['false_confident'], True)} | "
            f"{row['no_limit']['listed']['mean_tests'][0]:.1f} | "
            f"{row['window']['listed']['leader_right'][0]:.1%} | "
            f"{row['window']['listed']['ece'][0]:.3f} |"
        )
    return [*lines, ""]


def wrong_model_section(results: dict[str, Any]) -> list[str]:
    lines = [
        "## The engine told the wrong sensitivity and false-positive rate, as a point",
        "",
        "N=20, Dirichlet(1); point models only.",
        "",
        "| world, engine told | mean tests | accuracy when confident | ECE | success "
        "within 12 | ECE (window) |",
        "|---|---|---|---|---|---|",
    ]
    for name, row in results["wrong_models"].items():
        u, w = row["no_limit"], row["window"]
        lines.append(
            f"| {name} | {u['mean_tests'][0]:.1f} | "
            f"{pm(u['accuracy_when_confident'], digits=3)} | {u['ece'][0]:.3f} | "
            f"{w['leader_right'][0]:.1%} | {w['ece'][0]:.3f} |"
        )
    return [*lines, ""]


def mixed_section(results: dict[str, Any]) -> list[str]:
    table = results["mixed_challenges"]
    lines = [
        "## Challenges that differ in reliability and cost",
        "",
        "N=20, Dirichlet(1); each challenge has its own s in [0.65, 0.95], f in "
        "[0.05, 0.35] and cost 1, 2 or 3, known to the engine.",
        "",
        "| policy | mean tests (no limit) | mean cost (no limit) | success within 12 |",
        "|---|---|---|---|",
    ]
    for p in POLICY_NAMES:
        u, w = table["no_limit"][p], table["window"][p]
        lines.append(
            f"| {p} | {pm(u['mean_tests'], digits=1)} | "
            f"{pm(u['mean_cost'], digits=1)} | {pm(w['leader_right'], True)} |"
        )
    return [*lines, ""]


def learning_section(results: dict[str, Any]) -> list[str]:
    learn = results["learning"]
    curve = ", ".join(f"{k}: {v:.1f}" for k, v in learn["curve"].items())
    return [
        "## Learned clinic priors",
        "",
        f"{learn['clinics']} simulated clinics, each with its own skewed population "
        "(compensator shares drawn from Dirichlet(0.3) over an atlas site's candidates, 5% not "
        f"listed), work through {learn['sessions']} sessions on one inhibited site (sites: "
        f"{', '.join(f'{s} ({n} candidates)' for s, n in learn['sites'].items())}); each "
        "confident naming is recorded as a confirmed pattern and adds one to that candidate's "
        "prior weight. Then "
        f"{learn['evaluation_episodes']} fresh episodes compare the learned priors with the "
        "atlas priors alone (s/f 0.85/0.15, no limit).",
        "",
        f"- Mean tests, atlas priors: {pm(learn['mean_tests_atlas'], digits=1)}",
        f"- Mean tests, learned priors: {pm(learn['mean_tests_learned'], digits=1)}",
        f"- Ratio: {pm(learn['ratio'])}",
        f"- Mean tests after k sessions: {curve}",
        "",
    ]


def timing_section(results: dict[str, Any]) -> list[str]:
    lines = [
        f"## Time per `next_test` at N={TIMING_N}",
        "",
        "Wall time, and the CPU time of the process, per call. The machine is shared with other "
        f"work: its load average was {results['timing_load']:.1f} on 2 cores while these were "
        "timed, so wall times include waiting for a core; the targets are judged on CPU time.",
        "",
        "| call | p50 ms | p99 ms | CPU p50 ms | CPU p99 ms |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {k} | {v['p50_ms']:.3f} | {v['p99_ms']:.3f} | {v['cpu_p50_ms']:.3f} | "
        f"{v['cpu_p99_ms']:.3f} |"
        for k, v in results["timing"].items()
    ]
    return [*lines, ""]
