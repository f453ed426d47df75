"""The figures of the evidence dashboard, from plain numbers (no Django): the share of
responders with its Wilson 95% interval, the mean change with a seeded bootstrap 95% interval,
and the standardized response mean."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from statsmodels.stats.proportion import proportion_confint

# Fewer episodes than this, and an interval says more about chance than about the clinic.
MIN_EPISODES = 5
BOOTSTRAP_RESAMPLES = 2000
SEED = 20261130


def wilson(successes: int, total: int) -> tuple[float, float] | None:
    """The Wilson 95% interval of successes/total; None below MIN_EPISODES."""
    if total < MIN_EPISODES:
        return None
    low, high = proportion_confint(successes, total, alpha=0.05, method="wilson")
    return float(low), float(high)


def bootstrap_mean(values: Sequence[float], seed: int = SEED) -> tuple[float, float] | None:
    """The percentile bootstrap 95% interval of the mean; the same values give the same
    interval (the generator is seeded). None below MIN_EPISODES."""
    if len(values) < MIN_EPISODES:
        return None
    # Resampling n values with replacement draws each distinct value a multinomial number of
    # times: the same bootstrap, in time that grows with the distinct values, not with n.
    # Rounded first, so that 5.3 - 2.1 and 3.2 count as one value.
    distinct, counts = np.unique(np.asarray(values, dtype=float).round(9), return_counts=True)
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(len(values), counts / len(values), size=BOOTSTRAP_RESAMPLES)
    means = draws @ distinct / len(values)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def standardized_response_mean(changes: Sequence[float]) -> float | None:
    """Mean change over the standard deviation of the changes (n - 1); None when it cannot be
    computed (fewer than two changes, or all the same)."""
    if len(changes) < 2:
        return None
    sd = float(np.std(changes, ddof=1))
    if sd == 0 or math.isnan(sd):
        return None
    return float(np.mean(changes)) / sd


@dataclass(frozen=True)
class Figures:
    """One measure in one group of episodes."""

    episodes: int  # episodes with a baseline
    completed: int  # of those, with a later (discharge) measurement
    responders: int
    changes: tuple[float, ...]  # improvement of each completed episode (positive is better)
    non_responders: int
    referred: int  # non-responders referred on

    @property
    def missing(self) -> int:
        return self.episodes - self.completed

    @property
    def completion(self) -> float:
        return self.completed / self.episodes if self.episodes else 0.0

    @property
    def responder_share(self) -> float | None:
        return self.responders / self.completed if self.completed else None

    @cached_property
    def responder_interval(self) -> tuple[float, float] | None:
        return wilson(self.responders, self.completed)

    @property
    def mean_change(self) -> float | None:
        return float(np.mean(self.changes)) if self.changes else None

    @cached_property
    def mean_interval(self) -> tuple[float, float] | None:
        return bootstrap_mean(self.changes)

    @cached_property
    def srm(self) -> float | None:
        return standardized_response_mean(self.changes)

    @property
    def enough(self) -> bool:
        return self.completed >= MIN_EPISODES
