"""The shapes a simulated batch of episodes takes: test rates as arrays, and what happened.

Shared by the simulator (`simulate`), the running beliefs (`beliefs`) and the measurements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from repattern.engine.inference import TestModel

# Today's practice: walk the chart once and accept the first challenge that holds.
CHART_ORDER = "chart_order"
# The chart's order, or a random one, with the engine's Bayesian belief and stopping.
FIXED_ORDER = "fixed_order"
RANDOM_ORDER = "random_order"
BASELINES = (CHART_ORDER, FIXED_ORDER, RANDOM_ORDER)


@dataclass(frozen=True)
class Rates:
    """Sensitivity and false-positive rate of each challenge, as arrays.

    The world's rates broadcast to (episodes, N). The engine's broadcast to
    (episodes, levels, N): one level for a point model, a test model's reliability levels
    otherwise (`Rates.of` a model or one model per episode).
    """

    sensitivity: np.ndarray
    false_positive_rate: np.ndarray

    @classmethod
    def of(cls, model: TestModel | Rates | Sequence[TestModel]) -> Rates:
        if isinstance(model, Rates):
            return model
        if isinstance(model, TestModel):
            s, f = model.level_rates()
            return cls(s[None, :, None], f[None, :, None]) if model.levels else cls(s[0], f[0])
        levels = [m.level_rates() for m in model]
        return cls(
            np.stack([s for s, _ in levels])[:, :, None],
            np.stack([f for _, f in levels])[:, :, None],
        )

    def sized(self, episodes: int, n: int) -> Rates:
        shape = (episodes, n)
        return Rates(
            np.broadcast_to(self.sensitivity, shape),
            np.broadcast_to(self.false_positive_rate, shape),
        )

    def levelled(self, episodes: int, n: int) -> Rates:
        """As (episodes, levels, N): a per-candidate (episodes, N) array gets one level."""
        s, f = np.asarray(self.sensitivity), np.asarray(self.false_positive_rate)
        if s.ndim == 2:
            s, f = s[:, None, :], f[:, None, :]
        levels = max(s.shape[-2] if s.ndim == 3 else 1, f.shape[-2] if f.ndim == 3 else 1)
        shape = (episodes, levels, n)
        return Rates(np.broadcast_to(s, shape), np.broadcast_to(f, shape))


@dataclass(frozen=True)
class Episodes:
    """What happened in each simulated episode (one entry per episode)."""

    truth: np.ndarray  # index of the true compensator; N when it is not listed
    named: np.ndarray  # most probable hypothesis at the end; N for "none of these"
    confidence: np.ndarray  # the engine's probability of it (NaN for chart order)
    confident: np.ndarray  # stopped because the stop rule named it
    tests: np.ndarray
    named_in_window: np.ndarray  # most probable hypothesis when the window closed, or at a stop
    leader_in_window: np.ndarray  # what the screen offers then: the named one, or the leader
    brier: np.ndarray  # squared error of the final belief over all hypotheses (NaN for chart)
    cost: np.ndarray  # summed cost of the challenges done
    regions_used: np.ndarray  # region challenges among the tests
    n: int

    @property
    def correct(self) -> np.ndarray:
        return self.named == self.truth

    @property
    def listed(self) -> np.ndarray:
        return self.truth < self.n

    @property
    def success_in_window(self) -> np.ndarray:
        return self.named_in_window == self.truth

    @property
    def leader_right(self) -> np.ndarray:
        """What the practitioner is left with when the window closes is the compensator."""
        return self.leader_in_window == self.truth

    @property
    def false_confident(self) -> np.ndarray:
        """Named a listed candidate with confidence although the truth is not listed."""
        return self.confident & (self.named < self.n) & (self.truth == self.n)
