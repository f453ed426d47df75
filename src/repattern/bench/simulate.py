"""Simulated clients with a known compensator, many at once, for the benchmark and the tests.

A batch of episodes shares the candidate count N. Each episode has its own prior and its own
true compensator (index N means "not listed"); the world answers challenges with its own
sensitivity and false-positive rate, which need not be the ones the engine assumes. Episodes
run side by side as NumPy rows, and drop out of the batch as they stop.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from repattern.engine.errors import UnknownPolicy
from repattern.engine.inference import DEFAULT_NONE_OF_THESE, TestModel
from repattern.engine.policies import DEFAULT_POLICY, DEFAULT_THRESHOLD, POLICIES, choose

# Today's practice: walk the chart once and accept the first challenge that holds.
CHART_ORDER = "chart_order"
# The chart's order, or a random one, with the engine's Bayesian belief and stopping.
FIXED_ORDER = "fixed_order"
RANDOM_ORDER = "random_order"
BASELINES = (CHART_ORDER, FIXED_ORDER, RANDOM_ORDER)

WINDOW = 12
MAX_TESTS = 500


@dataclass(frozen=True)
class Rates:
    """Sensitivity and false-positive rate of each candidate's challenge in each episode.

    Arrays broadcast to (episodes, N); one `TestModel` for every challenge is the usual case.
    """

    sensitivity: np.ndarray
    false_positive_rate: np.ndarray

    @classmethod
    def of(cls, model: TestModel | Rates) -> Rates:
        if isinstance(model, Rates):
            return model
        return cls(np.asarray(model.sensitivity), np.asarray(model.false_positive_rate))

    def sized(self, episodes: int, n: int) -> Rates:
        shape = (episodes, n)
        return Rates(
            np.broadcast_to(self.sensitivity, shape),
            np.broadcast_to(self.false_positive_rate, shape),
        )


@dataclass(frozen=True)
class Episodes:
    """What happened in each simulated episode (one entry per episode)."""

    truth: np.ndarray  # index of the true compensator; N when it is not listed
    named: np.ndarray  # index named at the end; N for "none of these"
    confidence: np.ndarray  # the engine's probability of what it named (NaN for chart order)
    confident: np.ndarray  # stopped because the named hypothesis reached the threshold
    tests: np.ndarray
    named_in_window: np.ndarray  # what was named when the window closed, or earlier at a stop
    brier: np.ndarray  # squared error of the final belief over all hypotheses (NaN for chart)
    cost: np.ndarray  # summed cost of the challenges done
    n: int

    @property
    def correct(self) -> np.ndarray:
        return self.named == self.truth

    @property
    def success_in_window(self) -> np.ndarray:
        return self.named_in_window == self.truth

    @property
    def false_confident(self) -> np.ndarray:
        """Named a listed candidate with confidence although the truth is not listed."""
        return self.confident & (self.named < self.n) & (self.truth == self.n)


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


def simulate(
    priors: np.ndarray,
    truth: np.ndarray,
    world: TestModel | Rates,
    rng: np.random.Generator,
    *,
    engine: TestModel | Rates | None = None,
    policy: str = DEFAULT_POLICY,
    none_of_these: float = DEFAULT_NONE_OF_THESE,
    threshold: float = DEFAULT_THRESHOLD,
    budget: int | None = None,
    costs: np.ndarray | None = None,
    window: int = WINDOW,
    max_tests: int = MAX_TESTS,
) -> Episodes:
    """Run one batch of episodes under a policy or a baseline.

    `world` answers the challenges; `engine` is what the engine believes about them (the world
    itself unless given). `costs` (episodes, N) weights each challenge for the cost total and
    for the policies that trade probability against cost.
    """
    episodes, n = priors.shape
    cost = np.broadcast_to(1.0 if costs is None else costs, (episodes, n))
    world_rates = Rates.of(world).sized(episodes, n)
    if policy == CHART_ORDER:
        return chart_order(priors, truth, world_rates, rng, cost, window=window)
    if policy not in POLICIES and policy not in BASELINES:
        raise UnknownPolicy(f"There is no policy {policy!r} to simulate.")
    engine_rates = Rates.of(engine or world).sized(episodes, n)
    run = _Run(priors, truth, world_rates, engine_rates, cost, rng, policy, none_of_these)
    return run.play(threshold, budget, window, max_tests)


def chart_order(
    priors: np.ndarray,
    truth: np.ndarray,
    world: Rates,
    rng: np.random.Generator,
    cost: np.ndarray,
    *,
    window: int = WINDOW,
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
    return Episodes(truth, named, nan, first < n, tests, in_window, nan, spent, n)


class _Run:
    """The state of a batch of Bayesian episodes while they run."""

    def __init__(
        self,
        priors: np.ndarray,
        truth: np.ndarray,
        world: Rates,
        engine: Rates,
        cost: np.ndarray,
        rng: np.random.Generator,
        policy: str,
        none_of_these: float,
    ) -> None:
        self.episodes, self.n = priors.shape
        self.truth, self.world, self.engine, self.cost = truth, world, engine, cost
        self.rng, self.policy = rng, policy
        p = np.concatenate(
            [
                priors / priors.sum(axis=1, keepdims=True) * (1 - none_of_these),
                np.full((self.episodes, 1), none_of_these),
            ],
            axis=1,
        )
        with np.errstate(divide="ignore"):
            self.log_p = np.log(p)
        self.order = np.argsort(-priors, axis=1, kind="stable")
        s, f = engine.sensitivity, engine.false_positive_rate
        self.shift = (np.log((1 - s) / (1 - f)), np.log(s / f))
        self.named = np.full(self.episodes, -1)
        self.in_window = np.full(self.episodes, -1)
        self.confidence = np.full(self.episodes, np.nan)
        self.brier = np.full(self.episodes, np.nan)
        self.tests = np.zeros(self.episodes, dtype=int)
        self.spent = np.zeros(self.episodes)

    def play(self, threshold: float, budget: int | None, window: int, max_tests: int) -> Episodes:
        active = np.arange(self.episodes)
        limit = max_tests if budget is None else min(budget, max_tests)
        for t in range(limit + 1):
            p = self._normalize(active)
            best = p.argmax(axis=1)
            p_best = p[np.arange(len(active)), best]
            if t == window:
                self.in_window[active] = best
            stop = (p_best >= threshold) | (t == limit)
            self._record(active[stop], best[stop], p[stop], t, window)
            active, p = active[~stop], p[~stop]
            if not len(active):
                break
            self._challenge(active, p, t, None if budget is None else budget - t)
        confident = self.confidence >= threshold
        return Episodes(
            self.truth,
            self.named,
            self.confidence,
            confident,
            self.tests,
            self.in_window,
            self.brier,
            self.spent,
            self.n,
        )

    def _normalize(self, active: np.ndarray) -> np.ndarray:
        lp = self.log_p[active]
        lp -= lp.max(axis=1, keepdims=True)
        p = np.exp(lp)
        p /= p.sum(axis=1, keepdims=True)
        self.log_p[active] = np.log(np.maximum(p, 1e-300))
        return p

    def _record(
        self, rows: np.ndarray, best: np.ndarray, p: np.ndarray, t: int, window: int
    ) -> None:
        self.named[rows] = best
        self.confidence[rows] = p[np.arange(len(rows)), best]
        self.tests[rows] = t
        truth_p = p[np.arange(len(rows)), self.truth[rows]]
        self.brier[rows] = (p**2).sum(axis=1) - 2 * truth_p + 1
        if t < window:
            self.in_window[rows] = best

    def _challenge(self, active: np.ndarray, p: np.ndarray, t: int, left: int | None) -> None:
        i = self._choose(active, p, t, left)
        chance = np.where(
            i == self.truth[active],
            self.world.sensitivity[active, i],
            self.world.false_positive_rate[active, i],
        )
        held = self.rng.random(len(active)) < chance
        self.log_p[active, i] += np.where(held, self.shift[1][active, i], self.shift[0][active, i])
        self.spent[active] += self.cost[active, i]

    def _choose(self, active: np.ndarray, p: np.ndarray, t: int, left: int | None) -> np.ndarray:
        # Every running episode has done exactly t challenges: they all start together.
        if self.policy == FIXED_ORDER:
            return self.order[active, t % self.n]
        if self.policy == RANDOM_ORDER:
            return self.rng.integers(self.n, size=len(active))
        return choose(
            self.policy,
            p[:, :-1],
            p[:, -1],
            self.engine.sensitivity[active],
            self.engine.false_positive_rate[active],
            self.cost[active],
            left,
        )[0]
