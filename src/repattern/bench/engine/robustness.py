"""When the world is not what the engine assumes: unlisted compensators, wrong test models,
and a clinic whose share of unlisted compensators is not the default."""

from __future__ import annotations

from typing import Any

import numpy as np

from repattern.bench.engine.scenarios import TARGET_CELL, Bench, Cell
from repattern.bench.engine.statistics import Bootstrap, summarize
from repattern.engine import TestModel, learned_none_share
from repattern.engine.levels import PopulationPrior
from repattern.engine.none_of_these import NONE_SHARE
from repattern.engine.policies import DEFAULT_POLICY
from repattern.engine.session import WINDOW_TESTS

NONE_SHARES = (0.05, 0.1, 0.2, 0.3)
WRONG_MODELS = (
    ((0.75, 0.25), (0.85, 0.15)),
    ((0.9, 0.05), (0.75, 0.25)),
    ((0.85, 0.15), (0.9, 0.05)),
)
# The practitioner's claimed figures and the truth, for the record-based models.
TOLD, TRUE = (0.85, 0.15), (0.75, 0.25)
# Blinded tests with a known answer behind each record: half on the compensator, half not.
RECORD_TESTS = 40
PRACTITIONERS = 200
# Clinics whose unlisted share differs from the default, and the record each has learned from.
CLINIC_SHARES = (0.02, 0.15)
CLINICS = 100
CLINIC_PATTERNS = 200
MODES = ((None, "no_limit"), (WINDOW_TESTS, "window"))
# The target's row: from_record as the API gives it, from the cautious defaults. The row that
# starts from the told figures instead is a harder case the report shows beside it.
RECORD_TARGET = "from_record, cautious defaults"


def run_unlisted(bench: Bench, boot: Bootstrap) -> None:
    """Clients whose compensator is not on the list: how often does the engine name one?"""
    table = {}
    for n in bench.settings.sizes:
        for noise in bench.settings.noise:
            cell = Cell(n, noise, "dirichlet:1", unlisted=1.0)
            row = {}
            for budget, label in MODES:
                runs = bench.run_cell(
                    cell, (DEFAULT_POLICY, "most_probable", "chart_order"), budget, "not listed"
                ).runs
                row[label] = {p: summarize(ep, boot) for p, ep in runs.items()}
            table[cell.name] = row
    sweep = {}
    n, noise, prior = TARGET_CELL
    for share in NONE_SHARES:
        listed = Cell(n, noise, prior, none_of_these=share)
        absent = Cell(n, noise, prior, unlisted=1.0, none_of_these=share)
        entry = {}
        for budget, label in MODES:
            a = bench.run_cell(listed, (DEFAULT_POLICY,), budget, f"share {share}").runs
            b = bench.run_cell(absent, (DEFAULT_POLICY,), budget, f"share {share}").runs
            entry[label] = {
                "listed": summarize(a[DEFAULT_POLICY], boot),
                "not_listed": summarize(b[DEFAULT_POLICY], boot),
            }
        sweep[str(share)] = entry
    bench.results["unlisted"] = table
    bench.results["none_share_sweep"] = sweep


def run_wrong_models(bench: Bench, boot: Bootstrap) -> None:
    """The engine told the wrong sensitivity and false-positive rate, as a point."""
    table = {}
    for world, told in WRONG_MODELS:
        for engine in (told, world):
            cell = Cell(20, world, "dirichlet:1", engine=engine)
            row = {}
            for budget, label in MODES:
                runs = bench.run_cell(cell, (DEFAULT_POLICY,), budget, "wrong s/f").runs
                row[label] = summarize(runs[DEFAULT_POLICY], boot)
            table[cell.name] = row
    bench.results["wrong_models"] = table


def run_records(bench: Bench, boot: Bootstrap) -> None:
    """Told 0.85/0.15 while the truth is 0.75/0.25: a point model, then models from records.

    Each simulated practitioner has done RECORD_TESTS blinded tests with a known answer, drawn
    from the truth; their clients' searches use `TestModel.from_record` of those counts, from
    the cautious defaults or from the told figures as the prior.
    """
    clients = bench.settings.episodes
    priors = {
        "point model told 0.85/0.15": None,
        RECORD_TARGET: PopulationPrior(),
        "from_record, told figures as the prior": PopulationPrior(*TOLD),
    }
    table: dict[str, Any] = {}
    for label, prior in priors.items():
        models = None if prior is None else _record_models(bench, prior, clients)
        row: dict[str, Any] = {}
        for unlisted, population in ((0.05, "listed"), (1.0, "not_listed")):
            cell = Cell(20, TRUE, "dirichlet:1", engine=TOLD, unlisted=unlisted)
            for budget, mode in MODES:
                ep = bench.run_cell(
                    cell, (DEFAULT_POLICY,), budget, f"records: {label}", engine=models
                ).runs[DEFAULT_POLICY]
                row[f"{population}, {mode}"] = summarize(ep, boot)
        table[label] = row
    bench.results["records"] = {
        "tests_per_record": RECORD_TESTS,
        "practitioners": PRACTITIONERS,
        "rows": table,
    }


def _record_models(bench: Bench, prior: PopulationPrior, clients: int) -> list[TestModel]:
    """One model per client: their practitioner's record of blinded tests, drawn from the truth."""
    rng = bench.rng("records")
    half = RECORD_TESTS // 2
    models = []
    for _ in range(PRACTITIONERS):
        held = int(rng.binomial(half, TRUE[0]))
        false_held = int(rng.binomial(RECORD_TESTS - half, TRUE[1]))
        models.append(
            TestModel.from_record(
                held, half - held, false_held, RECORD_TESTS - half - false_held, prior=prior
            )
        )
    return [models[i % PRACTITIONERS] for i in range(clients)]


def run_clinic_shares(bench: Bench, boot: Bootstrap) -> None:
    """Clinics where the list misses 2% or 15% of compensators: the default share, and the
    share each clinic learned from its own corrected patterns (`learned_none_share`)."""
    n, noise, prior = TARGET_CELL
    clients = bench.settings.episodes
    table: dict[str, Any] = {}
    for true_share in CLINIC_SHARES:
        cell = Cell(n, noise, prior, unlisted=true_share)
        rng = bench.rng("clinic shares", true_share)
        added = rng.binomial(CLINIC_PATTERNS, true_share, size=CLINICS)
        learned = np.array([learned_none_share(CLINIC_PATTERNS - int(a), int(a)) for a in added])
        shares = {
            "default": np.full(clients, NONE_SHARE),
            "learned": learned[np.arange(clients) % CLINICS],
        }
        row: dict[str, Any] = {"learned_mean": float(learned.mean())}
        for label, share in shares.items():
            for budget, mode in MODES:
                ep = bench.run_cell(
                    cell, (DEFAULT_POLICY,), budget, f"clinic share {label}", none_of_these=share
                ).runs[DEFAULT_POLICY]
                row[f"{label}, {mode}"] = summarize(ep, boot)
        table[str(true_share)] = row
    bench.results["clinic_shares"] = {
        "clinics": CLINICS,
        "patterns": CLINIC_PATTERNS,
        "rows": table,
    }
