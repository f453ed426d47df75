"""The populations the engine benchmark simulates, and how one is run for every policy."""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from repattern.bench.engine.episodes import Episodes
from repattern.bench.engine.progress import Progress
from repattern.bench.engine.simulate import dirichlet_priors, draw_truth, simulate
from repattern.engine import TestModel
from repattern.engine.candidates import rank_candidates
from repattern.engine.none_of_these import NONE_SHARE
from repattern.engine.policies import DEFAULT_THRESHOLD

SIZES = (5, 10, 20, 40)
NOISE = ((0.9, 0.05), (0.85, 0.15), (0.75, 0.25))
PRIORS = ("dirichlet:0.3", "dirichlet:1", "atlas")
UNLISTED = NONE_SHARE  # share of simulated clients whose compensator is not on the list
TARGET_CELL = (20, (0.85, 0.15), "dirichlet:0.5")
# Draws each client's contacts: (generator, clients, N) -> (clients, R, N) members.
RegionMaker = Callable[[np.random.Generator, int, int], np.ndarray]
LEARNING_SITES = (
    "psoas_major",
    "gluteus_maximus",
    "gluteus_medius",
    "rectus_abdominis",
    "latissimus_dorsi",
    "tibialis_anterior",
    "infraspinatus",
    "rhomboid_major",
)


@dataclass(frozen=True)
class Settings:
    """How big a run is: the full report, or a quick smoke test."""

    episodes: int
    bootstrap: int
    sessions: int
    clinics_per_site: int
    learning_sites: int
    evaluation_episodes: int
    timing_calls: int
    target_episodes: int
    target_bootstrap: int
    sizes: tuple[int, ...]
    noise: tuple[tuple[float, float], ...]
    priors: tuple[str, ...]
    seed: int

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Settings:
        if args.quick:
            episodes = args.episodes or 200
            return cls(
                episodes=episodes,
                bootstrap=50,
                sessions=20,
                clinics_per_site=4,
                learning_sites=2,
                evaluation_episodes=20,
                timing_calls=100,
                target_episodes=episodes,
                target_bootstrap=50,
                sizes=(5,),
                noise=NOISE[1:2],
                priors=PRIORS[1:],
                seed=args.seed,
            )
        episodes = args.episodes or 10_000
        return cls(
            episodes=episodes,
            bootstrap=1000,
            sessions=300,
            clinics_per_site=125,
            learning_sites=len(LEARNING_SITES),
            evaluation_episodes=20,
            timing_calls=5000,
            target_episodes=10 * episodes,
            target_bootstrap=200,
            sizes=SIZES,
            noise=NOISE,
            priors=PRIORS,
            seed=args.seed,
        )


@dataclass(frozen=True)
class Cell:
    """One simulated population: list size, test noise, prior shape, and what the engine knows."""

    n: int
    world: tuple[float, float]
    prior: str
    engine: tuple[float, float] | None = None
    unlisted: float = UNLISTED
    none_of_these: float = NONE_SHARE

    @property
    def name(self) -> str:
        s, f = self.world
        told = f", engine told {self.engine[0]}/{self.engine[1]}" if self.engine else ""
        return f"N={self.n}, s/f={s}/{f}, {self.prior}{told}"


class AtlasPriors:
    """Prior weights of real atlas sites: each muscle's candidates, the top N kept."""

    def __init__(self) -> None:
        from repattern.engine.atlas import load_atlas

        self.atlas = load_atlas()
        self.weights = {
            m: np.array([c.weight for c in rank_candidates(self.atlas, f"{m}:left")])
            for m in self.atlas.muscles
        }

    def draw(self, rng: np.random.Generator, episodes: int, n: int) -> np.ndarray:
        pool = [w[:n] for w in self.weights.values() if len(w) >= n]
        picks = rng.integers(len(pool), size=episodes)
        rows = np.stack([pool[i] for i in picks])
        return rows / rows.sum(axis=1, keepdims=True)

    def sites(self, n: int) -> int:
        return sum(len(w) >= n for w in self.weights.values())


def draw_priors(
    rng: np.random.Generator, cell: Cell, episodes: int, atlas: AtlasPriors
) -> np.ndarray:
    if cell.prior == "atlas":
        return atlas.draw(rng, episodes, cell.n)
    return dirichlet_priors(rng, episodes, cell.n, float(cell.prior.split(":")[1]))


@dataclass
class Bench:
    """One run of the benchmark: its settings, its seeded generators, and what it measured."""

    settings: Settings
    atlas: AtlasPriors
    progress: Progress
    results: dict[str, Any] = field(default_factory=dict)
    episodes: dict[str, dict[str, Episodes]] = field(default_factory=dict)

    def rng(self, *key: object) -> np.random.Generator:
        return np.random.default_rng([self.settings.seed, *(hash_key(k) for k in key)])

    def run_cell(
        self,
        cell: Cell,
        policies: Sequence[str],
        budget: int | None,
        tag: str,
        threshold: float = DEFAULT_THRESHOLD,
        episodes: int | None = None,
        *,
        regions: RegionMaker | None = None,
        engine: TestModel | Sequence[TestModel] | None = None,
        none_of_these: np.ndarray | None = None,
    ) -> CellRun:
        """Every policy on the same clients (same priors, same truths), for paired figures.

        `regions` draws each client's contacts; `engine` replaces the cell's test model (one
        per client, say, each from a practitioner's record); `none_of_these` gives each client
        its clinic's share for "none of these".
        """
        n = episodes or self.settings.episodes
        rng = self.rng(cell.name, "clients")
        priors = draw_priors(rng, cell, n, self.atlas)
        truth = draw_truth(rng, priors, cell.unlisted)
        world = TestModel(*cell.world)
        if engine is None:
            engine = TestModel(*cell.engine) if cell.engine else world
        contacts = regions(self.rng(cell.name, "regions"), n, cell.n) if regions else None
        share = cell.none_of_these if none_of_these is None else none_of_these
        runs: dict[str, Episodes] = {}
        for policy in policies:
            # The same answers stream for every policy: identical choices, identical outcomes.
            runs[policy] = simulate(
                priors,
                truth,
                world,
                self.rng(cell.name, "answers", budget),
                engine=engine,
                policy=policy,
                budget=budget,
                none_of_these=share,
                threshold=threshold,
                regions=contacts,
            )
            self.progress.step(f"{tag}: {cell.name}, {policy}")
        return CellRun(runs, mean_entropy(priors, cell.unlisted))


@dataclass(frozen=True)
class CellRun:
    runs: dict[str, Episodes]
    entropy: float  # bits, of the true compensator (the N candidates and "not listed")


def hash_key(key: object) -> int:
    return int.from_bytes(hashlib.sha256(str(key).encode()).digest()[:4], "little")


def mean_entropy(priors: np.ndarray, unlisted: float) -> float:
    p = np.concatenate([priors * (1 - unlisted), np.full((len(priors), 1), unlisted)], axis=1)
    p = np.clip(p, 1e-300, 1)
    return float(-(p * np.log2(p)).sum(axis=1).mean())
