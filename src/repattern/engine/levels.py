"""How sure the engine is of a practitioner's sensitivity and false-positive rate.

The posterior over (s, f) is computed on a grid over 0 < f < s < 1, from a population prior,
challenges with a confirmed outcome (binomial counts) and blinded retest pairs. A test model
carries that posterior as a few equally likely *reliability levels*, ordered from the least to
the most discriminating (by the log odds ratio of a hold, logit s - logit f), each the mean
(s, f) of its slice of the posterior. The belief then weighs every hypothesis under every
level instead of trusting one point estimate (DOMAIN.md section 2: tests are noisy, and how
noisy is itself uncertain).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from repattern.engine.errors import InvalidRecord, InvalidTestModel

GRID = 200
# Twelve levels resolve the spread of a short record; more change the posteriors by well under
# a percentage point and only cost time.
LEVELS = 12

Level = tuple[float, float]
Pair = tuple[bool, bool, float]  # first result, second result, chance it was the compensator


@dataclass(frozen=True)
class PopulationPrior:
    """Typical figures, and how many tests' worth of evidence they count for.

    These are the cautious defaults a practitioner with little data starts from: a typical
    tester (DOMAIN.md section 3), worth ten tests, so a short record moves them only a little.
    """

    sensitivity: float = 0.75
    false_positive_rate: float = 0.25
    weight: float = 10.0

    def __post_init__(self) -> None:
        s, f = self.sensitivity, self.false_positive_rate
        if not (0.0 < f < s < 1.0):
            raise InvalidTestModel(
                f"Typical figures need 0 < false-positive rate < sensitivity < 1; got {s!r} "
                f"and {f!r}."
            )
        if not (math.isfinite(self.weight) and self.weight > 0):
            raise InvalidRecord(
                f"The population prior's weight is {self.weight!r}; it must be "
                "a positive number of tests."
            )


POPULATION_PRIOR = PopulationPrior()


def check_counts(*counts: object) -> None:
    """Raise InvalidRecord unless every count is a whole number, 0 or more."""
    for count in counts:
        if not (isinstance(count, int) and not isinstance(count, bool) and count >= 0):
            raise InvalidRecord(
                f"A count of {count!r} tests cannot be real: counts are whole numbers, 0 or more."
            )


def grid_posterior(
    prior: PopulationPrior,
    held_when_compensator: int = 0,
    weak_when_compensator: int = 0,
    held_when_not: int = 0,
    weak_when_not: int = 0,
    pairs: Iterable[Pair] = (),
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Grid columns s (GRID, 1), rows f (1, GRID), and the posterior mass on the grid."""
    x = (np.arange(GRID) + 0.5) / GRID
    s, f = x[:, None], x[None, :]
    log_post = _log_prior(s, f, prior)
    log_post = log_post + held_when_compensator * np.log(s) + weak_when_compensator * np.log1p(-s)
    log_post = log_post + held_when_not * np.log(f) + weak_when_not * np.log1p(-f)
    for (first, second, chance), n in Counter(pairs).items():
        log_post = log_post + n * np.log(
            chance * _both(s, first, second) + (1 - chance) * _both(f, first, second)
        )
    mass = np.exp(log_post - log_post.max())
    return s, f, mass / mass.sum()


def levels_of(
    s: np.ndarray, f: np.ndarray, mass: np.ndarray, count: int = LEVELS
) -> tuple[Level, ...]:
    """The posterior as `count` equally likely levels, least discriminating first.

    The grid's mass is laid end to end in order of discrimination and cut into equal slices;
    a grid point that straddles a cut gives each slice its share, so every level weighs exactly
    1/count and the levels' mean is the posterior mean.
    """
    s_all, f_all = np.broadcast_to(s, mass.shape).ravel(), np.broadcast_to(f, mass.shape).ravel()
    m = mass.ravel()
    keep = m > 0
    s_all, f_all, m = s_all[keep], f_all[keep], m[keep]
    order = np.argsort(_logit(s_all) - _logit(f_all), kind="stable")
    s_all, f_all, m = s_all[order], f_all[order], m[order] / m.sum()
    ends = np.cumsum(m)
    starts = ends - m
    cuts = np.arange(count + 1) / count
    share = np.clip(
        np.minimum(ends[None, :], cuts[1:, None]) - np.maximum(starts[None, :], cuts[:-1, None]),
        0.0,
        None,
    )
    weight = share.sum(axis=1)
    level_s = share @ s_all / weight
    level_f = share @ f_all / weight
    return tuple((float(a), float(b)) for a, b in zip(level_s, level_f, strict=True))


def _logit(x: np.ndarray) -> np.ndarray:
    return np.asarray(np.log(x) - np.log1p(-x))


def _log_prior(s: np.ndarray, f: np.ndarray, prior: PopulationPrior) -> np.ndarray:
    w = prior.weight
    a_s, b_s = prior.sensitivity * w, (1 - prior.sensitivity) * w
    a_f, b_f = prior.false_positive_rate * w, (1 - prior.false_positive_rate) * w
    log_p = (a_s - 1) * np.log(s) + (b_s - 1) * np.log1p(-s)
    log_p = log_p + (a_f - 1) * np.log(f) + (b_f - 1) * np.log1p(-f)
    # A challenge that held more often for wrong structures than right ones would tell nothing.
    return np.where(f < s, log_p, -np.inf)


def _both(rate: np.ndarray, first: bool, second: bool) -> np.ndarray:
    """Chance of this pair of results from two independent tests that hold at `rate`."""
    return (rate if first else 1 - rate) * (rate if second else 1 - rate)
