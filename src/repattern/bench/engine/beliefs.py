"""A batch of simulated beliefs while they run: the engine's rules on arrays.

Row e of `joint` is episode e's belief as log weights over (reliability level, hypothesis),
exactly as `Posterior.log_joint`; the stop rule is `Posterior.confident`'s, the choice
`policies.choose`'s, so the benchmark measures the engine the session screen runs.
"""

from __future__ import annotations

import numpy as np

from repattern.bench.engine.episodes import FIXED_ORDER, RANDOM_ORDER, Episodes, Rates
from repattern.engine.policies import Regions, choose


class BeliefRun:
    """The state of a batch of Bayesian episodes while they run."""

    def __init__(
        self,
        priors: np.ndarray,
        truth: np.ndarray,
        world: Rates,
        engine: Rates,
        cost: np.ndarray,
        regions: np.ndarray | None,
        rng: np.random.Generator,
        policy: str,
        share: np.ndarray,
    ) -> None:
        self.episodes, self.n = priors.shape
        self.truth, self.world, self.cost, self.regions = truth, world, cost, regions
        self.rng, self.policy, self.share = rng, policy, share
        p = np.concatenate(
            [priors / priors.sum(axis=1, keepdims=True) * (1 - share[:, None]), share[:, None]],
            axis=1,
        )
        s, f = engine.sensitivity, engine.false_positive_rate
        self.s, self.f = s, f
        self.levels = s.shape[1]
        with np.errstate(divide="ignore"):
            self.joint = np.repeat(np.log(p)[:, None, :], self.levels, axis=1)
        self.log = {
            (True, True): np.log(s),
            (True, False): np.log(f),
            (False, True): np.log1p(-s),
            (False, False): np.log1p(-f),
        }
        self.order = np.argsort(-priors, axis=1, kind="stable")
        self.fields = {
            name: np.full(self.episodes, -1)
            for name in ("named", "in_window", "leader", "tests", "regions_used")
        }
        self.fields["tests"][:] = 0
        self.fields["regions_used"][:] = 0
        self.confidence = np.full(self.episodes, np.nan)
        self.brier = np.full(self.episodes, np.nan)
        self.confident = np.zeros(self.episodes, dtype=bool)
        self.spent = np.zeros(self.episodes)

    def play(self, threshold: float, budget: int | None, window: int, max_tests: int) -> Episodes:
        active = np.arange(self.episodes)
        limit = max_tests if budget is None else min(budget, max_tests)
        for t in range(limit + 1):
            joint, p = self._normalize(active)
            best = p.argmax(axis=1)
            rows = np.arange(len(active))
            p_best = p[rows, best]
            share = self.share[active]
            sure = (p_best >= threshold) & (
                (best == self.n) | (p[:, self.n] * (1 - share) <= p_best * share * (1 - threshold))
            )
            leader = np.where(sure, best, p[:, : self.n].argmax(axis=1))
            if t == window:
                self.fields["in_window"][active] = best
                self.fields["leader"][active] = leader
            stop = sure | (t == limit)
            self._record(active[stop], best[stop], leader[stop], p[stop], t, window)
            self.confident[active[stop]] = sure[stop]
            active, joint, p = active[~stop], joint[~stop], p[~stop]
            if not len(active):
                break
            self._challenge(active, joint, p, t, None if budget is None else budget - t)
        f = self.fields
        return Episodes(
            self.truth,
            f["named"],
            self.confidence,
            self.confident,
            f["tests"],
            f["in_window"],
            f["leader"],
            self.brier,
            self.spent,
            f["regions_used"],
            self.n,
        )

    def _normalize(self, active: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The joint over (level, hypothesis) of the active episodes, and its marginal."""
        lj = self.joint[active]
        lj -= lj.max(axis=(1, 2), keepdims=True)
        joint = np.exp(lj)
        joint /= joint.sum(axis=(1, 2), keepdims=True)
        self.joint[active] = np.log(np.maximum(joint, 1e-300))
        return joint, joint.sum(axis=1)

    def _record(
        self,
        rows: np.ndarray,
        best: np.ndarray,
        leader: np.ndarray,
        p: np.ndarray,
        t: int,
        window: int,
    ) -> None:
        self.fields["named"][rows] = best
        self.confidence[rows] = p[np.arange(len(rows)), best]
        self.fields["tests"][rows] = t
        truth_p = p[np.arange(len(rows)), self.truth[rows]]
        self.brier[rows] = (p**2).sum(axis=1) - 2 * truth_p + 1
        if t < window:
            self.fields["in_window"][rows] = best
            self.fields["leader"][rows] = leader

    def _challenge(
        self, active: np.ndarray, joint: np.ndarray, p: np.ndarray, t: int, left: int | None
    ) -> None:
        weights = joint.sum(axis=2)
        s_now = np.einsum("ak,akn->an", weights, self.s[active])
        f_now = np.einsum("ak,akn->an", weights, self.f[active])
        i = self._choose(active, p, s_now, f_now, t, left)
        region = i >= self.n
        single = np.minimum(i, self.n - 1)
        covered = np.zeros((len(active), self.n + 1), dtype=bool)
        covered[np.arange(len(active)), single] = ~region
        if self.regions is not None and region.any():
            r = np.where(region, i - self.n, 0)
            members = self.regions[active, r]
            covered[region, : self.n] = members[region]
            self.fields["regions_used"][active] += region
        # A region answers like one candidate's challenge (the first candidate's rates).
        column = np.where(region, 0, single)
        truth_in = covered[np.arange(len(active)), self.truth[active]]
        chance = np.where(
            truth_in,
            self.world.sensitivity[active, column],
            self.world.false_positive_rate[active, column],
        )
        held = self.rng.random(len(active)) < chance
        levels = np.arange(self.levels)
        a, c = active[:, None], column[:, None]
        inside = np.where(
            held[:, None], self.log[True, True][a, levels, c], self.log[False, True][a, levels, c]
        )
        outside = np.where(
            held[:, None], self.log[True, False][a, levels, c], self.log[False, False][a, levels, c]
        )
        self.joint[active] += (
            outside[:, :, None] + covered[:, None, :] * (inside - outside)[:, :, None]
        )
        self.spent[active] += np.where(region, 1.0, self.cost[active, single])

    def _choose(
        self,
        active: np.ndarray,
        p: np.ndarray,
        s: np.ndarray,
        f: np.ndarray,
        t: int,
        left: int | None,
    ) -> np.ndarray:
        # Every running episode has done exactly t challenges: they all start together.
        if self.policy == FIXED_ORDER:
            return self.order[active, t % self.n]
        if self.policy == RANDOM_ORDER:
            return self.rng.integers(self.n, size=len(active))
        regions = None
        if self.regions is not None:
            count = self.regions.shape[1]
            regions = Regions(
                self.regions[active].astype(float),
                np.repeat(s[:, :1], count, axis=1),
                np.repeat(f[:, :1], count, axis=1),
                np.ones((len(active), count)),
            )
        i, _ = choose(self.policy, p[:, :-1], p[:, -1], s, f, self.cost[active], left, regions)
        return np.asarray(i)
