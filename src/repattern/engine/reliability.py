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
grows. The posterior is computed on a grid over 0 < f < s < 1 (`levels`), which also keeps the
estimate a valid `TestModel`; `Reliability.model` carries the posterior's spread as reliability
levels, so the engine weighs what it does not know about the practitioner. Region challenges
have a reliability of their own: the same estimate, fed with counts of region challenges.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from repattern.engine.errors import InvalidRecord
from repattern.engine.inference import TestModel
from repattern.engine.levels import (
    POPULATION_PRIOR,
    Level,
    PopulationPrior,
    grid_posterior,
    levels_of,
)

__all__ = [
    "POPULATION_PRIOR",
    "ConfirmedCounts",
    "Estimate",
    "PopulationPrior",
    "Reliability",
    "RetestPair",
    "estimate_reliability",
]

LEVEL = 0.95


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
    levels: tuple[Level, ...] = ()

    @property
    def model(self) -> TestModel:
        """The test model to give the engine: these figures with their uncertainty."""
        if not self.levels:
            return TestModel(self.sensitivity.mean, self.false_positive_rate.mean)
        return TestModel.from_levels(self.levels)

    def explain(self) -> str:
        """The figures in plain words: out of 100 challenges, how often the weak muscle holds."""
        sure = f"{100 * self.level:.0f}% sure"
        basis = (
            f"{self.confirmed_tests} challenge{'s' if self.confirmed_tests != 1 else ''} "
            f"with a confirmed outcome and {self.retest_pairs} blinded retest "
            f"pair{'s' if self.retest_pairs != 1 else ''}"
        )
        return (
            f"when you challenge the true compensator, the weak muscle holds about "
            f"{_of_100(self.sensitivity)}; when you challenge another structure, it holds by "
            f"chance about {_of_100(self.false_positive_rate)} ({sure} of each range). From "
            f"{basis}, starting from typical figures of {100 * self.prior.sensitivity:.0f} and "
            f"{100 * self.prior.false_positive_rate:.0f} in 100, counted as "
            f"{self.prior.weight:g} tests."
        )


def _of_100(estimate: Estimate) -> str:
    return (
        f"{100 * estimate.mean:.0f} times in 100 (between {100 * estimate.low:.0f} and "
        f"{100 * estimate.high:.0f})"
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
    s, f, post = grid_posterior(
        prior,
        confirmed.held_when_compensator,
        confirmed.tested_when_compensator - confirmed.held_when_compensator,
        confirmed.held_when_not,
        confirmed.tested_when_not - confirmed.held_when_not,
        [(p.first, p.second, float(p.prior)) for p in pairs],
    )
    return Reliability(
        _estimate(s[:, 0], post.sum(axis=1), level),
        _estimate(f[0, :], post.sum(axis=0), level),
        confirmed.tests,
        len(pairs),
        prior,
        level,
        levels_of(s, f, post),
    )


def _estimate(x: np.ndarray, mass: np.ndarray, level: float) -> Estimate:
    cdf = np.cumsum(mass)
    tail = (1 - level) / 2
    low = float(x[min(int(np.searchsorted(cdf, tail)), len(x) - 1)])
    high = float(x[min(int(np.searchsorted(cdf, 1 - tail)), len(x) - 1)])
    return Estimate(float((x * mass).sum()), low, high)


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
