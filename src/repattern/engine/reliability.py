"""How reliable one practitioner's challenges are, from their own record.

Two kinds of evidence (DOMAIN.md section 2):

- challenges whose outcome was later confirmed: how often the weak muscle held when the
  challenged structure was the confirmed compensator (sensitivity), and when it was not
  (false-positive rate). Binomial counts.
- blinded retests: the same challenge done twice without knowing the first result. Two results
  agree more often the more reliable the tests are; with the engine's probability at the time
  that the structure was the compensator, each pair has a likelihood in (s, f).

Both are combined with a Beta prior from the population (s about 0.75, f about 0.25, worth ten
tests each), so a new practitioner starts at typical figures and their own record takes over as it
grows. The posterior is computed on a grid over 0 < f < s < 1, which also keeps the estimate a
valid `TestModel`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from repattern.engine.errors import InvalidRecord
from repattern.engine.inference import TestModel

GRID = 200
LEVEL = 0.95


@dataclass(frozen=True)
class PopulationPrior:
    """Typical figures, and how many tests' worth of evidence they count for."""

    sensitivity: float = 0.75
    false_positive_rate: float = 0.25
    weight: float = 10.0

    def __post_init__(self) -> None:
        TestModel(self.sensitivity, self.false_positive_rate)
        if not (math.isfinite(self.weight) and self.weight > 0):
            raise InvalidRecord(
                f"The population prior's weight is {self.weight!r}; it must be "
                "a positive number of tests."
            )


POPULATION_PRIOR = PopulationPrior()


@dataclass(frozen=True)
class ConfirmedCounts:
    """Challenges whose outcome was later confirmed, as counts."""

    held_when_compensator: int = 0
    tested_when_compensator: int = 0
    held_when_not: int = 0
    tested_when_not: int = 0

    def __post_init__(self) -> None:
        pairs = (
            (self.held_when_compensator, self.tested_when_compensator),
            (self.held_when_not, self.tested_when_not),
        )
        for held, tested in pairs:
            if not (_count(held) and _count(tested) and held <= tested):
                raise InvalidRecord(
                    f"Counts of {held!r} held out of {tested!r} tested cannot be real: both are "
                    "whole numbers, 0 or more, and no more held than were tested."
                )

    @classmethod
    def from_records(cls, records: Iterable[tuple[bool, bool]]) -> ConfirmedCounts:
        """Counts from (was the confirmed compensator, held) per challenge."""
        tally = Counter((bool(was), bool(held)) for was, held in records)
        return cls(
            tally[True, True],
            tally[True, True] + tally[True, False],
            tally[False, True],
            tally[False, True] + tally[False, False],
        )

    @property
    def tests(self) -> int:
        return self.tested_when_compensator + self.tested_when_not


@dataclass(frozen=True)
class RetestPair:
    """One challenge done twice, blinded; `prior` is the chance it was the compensator."""

    first: bool
    second: bool
    prior: float = 0.5

    def __post_init__(self) -> None:
        if not (isinstance(self.prior, int | float) and 0.0 <= self.prior <= 1.0):
            raise InvalidRecord(
                f"A retest's prior is {self.prior!r}; it is a probability between 0 and 1."
            )


@dataclass(frozen=True)
class Estimate:
    """A posterior mean with its credible interval."""

    mean: float
    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.mean:.2f} ({self.low:.2f}-{self.high:.2f})"


@dataclass(frozen=True)
class Reliability:
    """A practitioner's estimated sensitivity and false-positive rate, and what they rest on."""

    sensitivity: Estimate
    false_positive_rate: Estimate
    confirmed_tests: int
    retest_pairs: int
    prior: PopulationPrior
    level: float

    @property
    def model(self) -> TestModel:
        return TestModel(self.sensitivity.mean, self.false_positive_rate.mean)

    def explain(self) -> str:
        pct = f"{100 * self.level:.0f}%"
        basis = (
            f"{self.confirmed_tests} challenge{'s' if self.confirmed_tests != 1 else ''} "
            f"with a confirmed outcome and {self.retest_pairs} blinded retest "
            f"pair{'s' if self.retest_pairs != 1 else ''}"
        )
        return (
            f"Sensitivity {self.sensitivity.mean:.2f} ({pct} interval "
            f"{self.sensitivity.low:.2f}-{self.sensitivity.high:.2f}) and false-positive "
            f"rate {self.false_positive_rate.mean:.2f} ({self.false_positive_rate.low:.2f}-"
            f"{self.false_positive_rate.high:.2f}), from {basis}, starting from typical "
            f"figures of {self.prior.sensitivity:.2f} and "
            f"{self.prior.false_positive_rate:.2f} worth {self.prior.weight:g} tests."
        )


def estimate_reliability(
    confirmed: ConfirmedCounts | None = None,
    retests: Iterable[RetestPair] = (),
    prior: PopulationPrior = POPULATION_PRIOR,
    level: float = LEVEL,
) -> Reliability:
    """The posterior over (sensitivity, false-positive rate) from a practitioner's record."""
    if not 0.0 < level < 1.0:
        raise InvalidRecord(f"The interval level is {level!r}; it must be between 0 and 1.")
    confirmed = confirmed or ConfirmedCounts()
    pairs = list(retests)
    s, f = _grid()
    log_post = _log_prior(s, f, prior) + _log_confirmed(s, f, confirmed) + _log_retests(s, f, pairs)
    post = np.exp(log_post - log_post.max())
    post /= post.sum()
    return Reliability(
        _estimate(s[:, 0], post.sum(axis=1), level),
        _estimate(f[0, :], post.sum(axis=0), level),
        confirmed.tests,
        len(pairs),
        prior,
        level,
    )


def _grid() -> tuple[np.ndarray, np.ndarray]:
    x = (np.arange(GRID) + 0.5) / GRID
    return x[:, None], x[None, :]


def _log_prior(s: np.ndarray, f: np.ndarray, prior: PopulationPrior) -> np.ndarray:
    w = prior.weight
    a_s, b_s = prior.sensitivity * w, (1 - prior.sensitivity) * w
    a_f, b_f = prior.false_positive_rate * w, (1 - prior.false_positive_rate) * w
    log_p = (a_s - 1) * np.log(s) + (b_s - 1) * np.log1p(-s)
    log_p = log_p + (a_f - 1) * np.log(f) + (b_f - 1) * np.log1p(-f)
    # A challenge that held more often for wrong structures than right ones would tell nothing.
    return np.where(f < s, log_p, -np.inf)


def _log_confirmed(s: np.ndarray, f: np.ndarray, c: ConfirmedCounts) -> np.ndarray:
    missed = c.tested_when_compensator - c.held_when_compensator
    rejected = c.tested_when_not - c.held_when_not
    return (
        c.held_when_compensator * np.log(s)
        + missed * np.log1p(-s)
        + c.held_when_not * np.log(f)
        + rejected * np.log1p(-f)
    )


def _log_retests(s: np.ndarray, f: np.ndarray, pairs: list[RetestPair]) -> np.ndarray:
    total = np.zeros((s.shape[0], f.shape[1]))
    for (first, second, prior), n in Counter((p.first, p.second, p.prior) for p in pairs).items():
        total += n * np.log(prior * _both(s, first, second) + (1 - prior) * _both(f, first, second))
    return total


def _both(rate: np.ndarray, first: bool, second: bool) -> np.ndarray:
    """Chance of this pair of results from two independent tests that hold at `rate`."""
    return (rate if first else 1 - rate) * (rate if second else 1 - rate)


def _estimate(x: np.ndarray, mass: np.ndarray, level: float) -> Estimate:
    cdf = np.cumsum(mass)
    tail = (1 - level) / 2
    low = float(x[min(int(np.searchsorted(cdf, tail)), len(x) - 1)])
    high = float(x[min(int(np.searchsorted(cdf, 1 - tail)), len(x) - 1)])
    return Estimate(float((x * mass).sum()), low, high)


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
