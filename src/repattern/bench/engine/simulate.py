"""Simulated clients with a known compensator, many at once, for the benchmark and the tests.

A batch of episodes shares the candidate count N. Each episode has its own prior and its own
true compensator (index N means "not listed"); the world answers challenges with its own
sensitivity and false-positive rate, which need not be the ones the engine assumes. The engine
side runs the engine's own rules on arrays (`beliefs`): the belief under each reliability level
of its test model, the same policies (`policies.choose`) and the same stop rule as
`Posterior.confident`. Episodes run side by side as NumPy rows, in chunks, and drop out of the
batch as they stop.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from repattern.bench.engine.beliefs import BeliefRun
from repattern.bench.engine.episodes import (
    BASELINES,
    CHART_ORDER,
    FIXED_ORDER,
    RANDOM_ORDER,
    Episodes,
    Rates,
)
from repattern.engine.errors import UnknownPolicy
from repattern.engine.inference import NONE_SHARE, TestModel
from repattern.engine.policies import DEFAULT_POLICY, DEFAULT_THRESHOLD, POLICIES
from repattern.engine.session import WINDOW_TESTS

MAX_TESTS = 500
# Episodes simulated at once: bounds memory when the belief has many reliability levels.
CHUNK = 5000


def dirichlet_priors(rng: np.random.Generator, episodes: int, n: int, alpha: float) -> np.ndarray:
    """Prior weights drawn from a symmetric Dirichlet, kept strictly positive."""
    g = np.maximum(rng.gamma(alpha, size=(episodes, n)), 1e-12)
    return g / g.sum(axis=1, keepdims=True)


def draw_truth(rng: np.random.Generator, priors: np.ndarray, unlisted: float) -> np.ndarray:
    """A true compensator per episode: "not listed" (index N) with chance `unlisted`, otherwise
    drawn from the episode's prior."""
    episodes, n = priors.shape
    cdf = np.cumsum(priors / priors.sum(axis=1, keepdims=True), axis=1)
    u = rng.random((episodes, 1))
    truth = np.minimum((u > cdf).sum(axis=1), n - 1)
    return np.where(rng.random(episodes) < unlisted, n, truth)


def random_regions(
    rng: np.random.Generator, episodes: int, n: int, count: int, smallest: int, largest: int
) -> np.ndarray:
    """`count` regions per episode, each covering `smallest` to `largest` random candidates;
    regions overlap freely. Members as a (episodes, count, N) boolean array."""
    size = rng.integers(smallest, largest + 1, size=(episodes, count))
    rank = np.argsort(rng.random((episodes, count, n)), axis=-1).argsort(axis=-1)
    return rank < size[..., None]


def partition_regions(rng: np.random.Generator, episodes: int, n: int, size: int) -> np.ndarray:
    """Regions that split the candidates into disjoint groups of `size` (the last smaller)."""
    order = np.argsort(rng.random((episodes, n)), axis=-1)
    group = np.empty_like(order)
    np.put_along_axis(group, order, np.arange(n) // size, axis=-1)
    count = -(-n // size)
    return group[:, None, :] == np.arange(count)[None, :, None]


def simulate(
    priors: np.ndarray,
    truth: np.ndarray,
    world: TestModel | Rates,
    rng: np.random.Generator,
    *,
    engine: TestModel | Rates | Sequence[TestModel] | None = None,
    policy: str = DEFAULT_POLICY,
    none_of_these: float | np.ndarray = NONE_SHARE,
    threshold: float = DEFAULT_THRESHOLD,
    budget: int | None = None,
    costs: np.ndarray | None = None,
    regions: np.ndarray | None = None,
    window: int = WINDOW_TESTS,
    max_tests: int = MAX_TESTS,
) -> Episodes:
    """Run one batch of episodes under a policy or a baseline.

    `world` answers the challenges; `engine` is what the engine believes about them (the world
    itself unless given; a model with reliability levels, or one per episode). `costs`
    (episodes, N) weights each challenge for the cost total and for the policies that trade
    probability against cost. `regions` (episodes, R, N) are the contacts the engine may
    challenge, each answering with the same rates as one candidate's challenge (the first
    candidate's, when they differ). `none_of_these` may differ per episode.
    """
    episodes, n = priors.shape
    cost = np.broadcast_to(1.0 if costs is None else costs, (episodes, n))
    world_rates = Rates.of(world).sized(episodes, n)
    if policy == CHART_ORDER:
        return chart_order(priors, truth, world_rates, rng, cost, window=window)
    if policy not in POLICIES and policy not in BASELINES:
        raise UnknownPolicy(f"There is no policy {policy!r} to simulate.")
    engine_rates = Rates.of(engine if engine is not None else world).levelled(episodes, n)
    share = np.broadcast_to(np.asarray(none_of_these, dtype=float), (episodes,))
    parts = []
    for start in range(0, episodes, CHUNK):
        rows = slice(start, start + CHUNK)
        run = BeliefRun(
            priors[rows],
            truth[rows],
            Rates(world_rates.sensitivity[rows], world_rates.false_positive_rate[rows]),
            Rates(engine_rates.sensitivity[rows], engine_rates.false_positive_rate[rows]),
            cost[rows],
            None if regions is None else regions[rows],
            rng,
            policy,
            share[rows],
        )
        parts.append(run.play(threshold, budget, window, max_tests))
    return _joined(parts, n)


def _joined(parts: list[Episodes], n: int) -> Episodes:
    fields = [f for f in Episodes.__dataclass_fields__ if f != "n"]
    return Episodes(
        **{f: np.concatenate([getattr(p, f) for p in parts]) for f in fields},
        n=n,
    )


def chart_order(
    priors: np.ndarray,
    truth: np.ndarray,
    world: Rates,
    rng: np.random.Generator,
    cost: np.ndarray,
    *,
    window: int = WINDOW_TESTS,
) -> Episodes:
    """Walk the chart (candidates by prior, highest first) once, naming the first that holds.

    When nothing holds the practitioner concludes "none of these" after N tests.
    """
    episodes, n = priors.shape
    order = np.argsort(-priors, axis=1, kind="stable")
    held_rate = np.where(
        order == truth[:, None],
        np.take_along_axis(world.sensitivity, order, axis=1),
        np.take_along_axis(world.false_positive_rate, order, axis=1),
    )
    held = rng.random((episodes, n)) < held_rate
    first = np.where(held.any(axis=1), held.argmax(axis=1), n)
    named = np.where(
        first < n, np.take_along_axis(order, np.minimum(first, n - 1)[:, None], axis=1)[:, 0], n
    )
    tests = np.minimum(first + 1, n)
    spent = np.cumsum(np.take_along_axis(cost, order, axis=1), axis=1)[
        np.arange(episodes), tests - 1
    ]
    in_window = np.where(tests <= window, named, -1)
    nan = np.full(episodes, np.nan)
    none = np.zeros(episodes, dtype=int)
    return Episodes(truth, named, nan, first < n, tests, in_window, in_window, nan, spent, none, n)


__all__ = [
    "BASELINES",
    "CHART_ORDER",
    "FIXED_ORDER",
    "RANDOM_ORDER",
    "Episodes",
    "Rates",
    "chart_order",
    "dirichlet_priors",
    "draw_truth",
    "partition_regions",
    "random_regions",
    "simulate",
]
