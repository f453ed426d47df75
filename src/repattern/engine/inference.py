"""What the tests so far say about which structure is the compensator.

A challenge is noisy evidence, never a verdict (DOMAIN.md section 2). `TestModel` holds how
noisy: the sensitivity (the weak muscle holds when the challenged structure is the compensator)
and the false-positive rate (it holds although it is not), and how sure the engine is of those
two figures. `Posterior` holds the belief over the candidate compensators plus a residual
"none of these", and Bayes' rule moves it one challenge at a time (DOMAIN.md section 3). A
challenge is of one candidate, or of a region: several candidates under one contact, held if
the compensator is any of them.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from repattern.engine.errors import (
    InvalidCandidate,
    InvalidResult,
    InvalidTestModel,
    InvalidWeight,
    UnknownCandidate,
)
from repattern.engine.information import binary_entropy, information
from repattern.engine.levels import (
    LEVELS,
    POPULATION_PRIOR,
    Level,
    PopulationPrior,
    check_counts,
    grid_posterior,
    levels_of,
)
from repattern.engine.none_of_these import NONE_OF_THESE, NONE_SHARE

__all__ = [
    "NONE_OF_THESE",
    "NONE_SHARE",
    "Challenged",
    "ModelLike",
    "Posterior",
    "TestModel",
    "binary_entropy",
    "information",
]

# One candidate's site, or a region's members challenged together under one contact.
Challenged = str | tuple[str, ...]


@dataclass(frozen=True)
class TestModel:
    """How often a challenge holds: when it is the compensator, and when it is not.

    A model from a record (`from_record`, or `Reliability.model`) also carries `levels`: equally
    likely (sensitivity, false-positive rate) pairs that say how sure those figures are. The
    belief weighs every hypothesis under every level, so a practitioner whose record is short
    or whose tests are worse than hoped does not make the engine overconfident. `sensitivity`
    and `false_positive_rate` are then the levels' means.
    """

    __test__ = False  # a domain name, not a pytest class

    sensitivity: float
    false_positive_rate: float
    levels: tuple[Level, ...] = ()

    def __post_init__(self) -> None:
        _check_rates(self.sensitivity, self.false_positive_rate)
        for s, f in self.levels:
            _check_rates(s, f)
        if self.levels and len(self.levels) != LEVELS:
            raise InvalidTestModel(
                f"A test model carries {LEVELS} reliability levels, not {len(self.levels)}; "
                "build it with TestModel.from_record or estimate_reliability."
            )

    @classmethod
    def from_record(
        cls,
        held_when_compensator: int = 0,
        weak_when_compensator: int = 0,
        held_when_not: int = 0,
        weak_when_not: int = 0,
        *,
        prior: PopulationPrior = POPULATION_PRIOR,
    ) -> TestModel:
        """A model that carries its uncertainty, from challenges whose answer is known.

        Counts of challenges of the structure that was the compensator (held or stayed weak)
        and of structures that were not. With few counts the model stays near the cautious
        typical figures of `prior`; works for single and region challenges alike.
        """
        check_counts(held_when_compensator, weak_when_compensator, held_when_not, weak_when_not)
        s, f, mass = grid_posterior(
            prior, held_when_compensator, weak_when_compensator, held_when_not, weak_when_not
        )
        return cls.from_levels(levels_of(s, f, mass))

    @classmethod
    def from_levels(cls, levels: Sequence[Level]) -> TestModel:
        """A model from its equally likely reliability levels; its figures are their means."""
        s, f = np.mean(np.asarray(levels, dtype=float), axis=0)
        return cls(float(s), float(f), tuple((float(a), float(b)) for a, b in levels))

    def level_rates(self) -> tuple[np.ndarray, np.ndarray]:
        """Sensitivity and false-positive rate at each reliability level (one for a point)."""
        return self._level_rates

    @functools.cached_property
    def _level_rates(self) -> tuple[np.ndarray, np.ndarray]:
        rates = np.asarray(
            self.levels or ((self.sensitivity, self.false_positive_rate),), dtype=float
        )
        s, f = rates[:, 0].copy(), rates[:, 1].copy()
        s.setflags(write=False)
        f.setflags(write=False)
        return s, f

    def likelihood(self, positive: bool, is_compensator: bool) -> float:
        """The chance of this result, given whether the challenged structure is the compensator."""
        held = self.sensitivity if is_compensator else self.false_positive_rate
        return held if positive else 1.0 - held

    def log_ratio(self, positive: bool) -> float:
        """How much a result multiplies the odds that the challenged structure is the one."""
        return math.log(self.likelihood(positive, True) / self.likelihood(positive, False))

    def information(self, probability: float) -> float:
        """Expected bits from challenging a candidate held at this probability."""
        return float(information(probability, self.sensitivity, self.false_positive_rate))

    @property
    def capacity(self) -> float:
        """The most bits one challenge can give, C = max over p of I(p)."""
        s, f = self.sensitivity, self.false_positive_rate
        hs, hf = float(binary_entropy(s)), float(binary_entropy(f))
        # Setting dI/dp to zero gives the best share of positives q in closed form.
        q = 1.0 / (1.0 + 2.0 ** ((hs - hf) / (s - f)))
        p = (q - f) / (s - f)
        return float(binary_entropy(q)) - hf - p * (hs - hf)


ModelLike = TestModel | Mapping[Challenged, TestModel]


def model_for(model: ModelLike, challenged: Challenged) -> TestModel:
    """The test model for one challenge: of a candidate, or of a region's members (a tuple)."""
    if isinstance(model, TestModel):
        return model
    try:
        return model[challenged]
    except KeyError:
        what = "region" if isinstance(challenged, tuple) else "candidate"
        raise UnknownCandidate(
            f"No test model is given for the {what} {challenged!r}; add it to the mapping or "
            "pass one TestModel for every challenge."
        ) from None


@dataclass(frozen=True, eq=False)
class Posterior:
    """The belief over candidate compensators and "none of these", after some challenges.

    Kept as log weights of every hypothesis (the last is "none of these") under every
    reliability level of the test models used, rows of `log_joint`; `log_probabilities` is
    their normalized sum over levels. Log space keeps a long run of challenges finite, and
    observations commute exactly as Bayes' rule says they should. `prior_none` is the share
    "none of these" started with, which the stop rule needs.
    """

    candidates: tuple[str, ...]
    log_probabilities: np.ndarray = field(repr=False)
    tests: int = 0
    _index: Mapping[str, int] = field(repr=False, default_factory=dict)
    log_joint: np.ndarray | None = field(repr=False, default=None)
    prior_none: float | None = None
    _p: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.log_joint is None:
            joint = np.asarray(self.log_probabilities, dtype=float)[None, :]
        else:
            joint = np.asarray(self.log_joint, dtype=float)
        joint = joint - _logsumexp(joint)
        log_p = _logsumexp_rows(joint)
        p = np.exp(log_p)
        for array in (joint, log_p, p):
            array.setflags(write=False)
        object.__setattr__(self, "log_joint", joint)
        object.__setattr__(self, "log_probabilities", log_p)
        object.__setattr__(self, "_p", p)
        if self.prior_none is None:
            object.__setattr__(self, "prior_none", float(p[-1]))
        if not self._index:
            object.__setattr__(self, "_index", {c: i for i, c in enumerate(self.candidates)})

    @classmethod
    def from_prior(
        cls, weights: Mapping[str, float], none_of_these: float = NONE_SHARE
    ) -> Posterior:
        """A belief from prior weights (any positive scale) and the share left to "none"."""
        if not weights:
            raise InvalidWeight("A belief needs at least one candidate compensator.")
        if NONE_OF_THESE in weights:
            raise InvalidCandidate(
                f"{NONE_OF_THESE!r} is the engine's own name for the compensator not being "
                "listed; give that candidate another name."
            )
        for candidate, weight in weights.items():
            if not (_is_real(weight) and weight > 0.0):
                raise InvalidWeight(
                    f"The prior weight of {candidate!r} is {weight!r}; weights must be finite "
                    "and positive (leave a candidate out rather than giving it zero)."
                )
        if not (_is_real(none_of_these) and 0.0 <= none_of_these < 1.0):
            raise InvalidWeight(
                f"The share for 'none of these' is {none_of_these!r}; it must be at least 0 and "
                "below 1."
            )
        # Normalized in log space: weights near the largest float must not overflow the sum.
        log_w = np.log(np.array([float(v) for v in weights.values()]))
        log_w = log_w - _logsumexp(log_w) + math.log1p(-none_of_these)
        with np.errstate(divide="ignore"):
            log_none = np.log(float(none_of_these))
        return cls(tuple(weights), np.append(log_w, log_none), prior_none=float(none_of_these))

    def observe(self, candidate: Challenged, positive: bool, model: ModelLike) -> Posterior:
        """The belief after a challenge; positive means the weak muscle held.

        `candidate` is one candidate's site, or a tuple of sites challenged together (a region).
        Each hypothesis the challenge covers is multiplied by s (or 1 - s), every other one,
        "none of these" included, by f (or 1 - f), under each reliability level.
        """
        members = self.members(candidate)
        held = _result(positive)
        s, f = model_for(model, candidate).level_rates()
        inside, outside = (s, f) if held else (1.0 - s, 1.0 - f)
        joint = self._joint_for(len(s)) + np.log(outside)[:, None]
        joint[:, members] += (np.log(inside) - np.log(outside))[:, None]
        return Posterior(
            self.candidates,
            self.log_probabilities,
            self.tests + 1,
            self._index,
            joint,
            self.prior_none,
        )

    def observe_all(
        self, results: Iterable[tuple[Challenged, bool]], model: ModelLike
    ) -> Posterior:
        """The belief after a series of (candidate or region, positive) results."""
        belief = self
        for candidate, positive in results:
            belief = belief.observe(candidate, positive, model)
        return belief

    def members(self, challenged: Challenged) -> np.ndarray:
        """Indices of the candidates a challenge covers; raises for unknown or empty ones."""
        if isinstance(challenged, str):
            return np.array([self.index(challenged)])
        indices = sorted({self.index(c) for c in challenged})
        if not indices:
            raise InvalidCandidate("A region challenge needs at least one candidate in it.")
        return np.array(indices)

    def _joint_for(self, levels: int) -> np.ndarray:
        assert self.log_joint is not None
        rows = self.log_joint.shape[0]
        # Every model with levels has LEVELS of them, so only a point and levels ever meet.
        return (
            self.log_joint.copy()
            if rows == levels or levels == 1
            else np.repeat(self.log_joint, levels, axis=0)
        )

    def index(self, candidate: str) -> int:
        try:
            return self._index[candidate]
        except (KeyError, TypeError):
            raise UnknownCandidate(
                f"{candidate!r} is not one of this belief's candidates; add it to the prior first."
            ) from None

    def probability(self, candidate: str) -> float:
        return float(self._p[self.index(candidate)])

    @property
    def none_of_these(self) -> float:
        return float(self._p[-1])

    @property
    def probabilities(self) -> np.ndarray:
        """Candidate probabilities in candidate order (read-only), without "none of these"."""
        return self._p[:-1]

    def level_weights(self) -> np.ndarray:
        """How likely each reliability level now is, given the challenges so far."""
        assert self.log_joint is not None
        return np.asarray(np.exp(_logsumexp_rows(self.log_joint.T)))

    def top(self, k: int | None = None) -> list[tuple[str, float]]:
        """The k most probable candidates with their probabilities, best first."""
        order = np.argsort(-self._p[:-1], kind="stable")[:k]
        return [(self.candidates[i], float(self._p[i])) for i in order]

    def best(self) -> tuple[str, float]:
        """The most probable hypothesis, which may be "none of these"."""
        i = int(np.argmax(self._p))
        name = NONE_OF_THESE if i == len(self.candidates) else self.candidates[i]
        return name, float(self._p[i])

    def confident(self, threshold: float) -> str | None:
        """The hypothesis the engine may name at `threshold` ("none_of_these" included), else None.

        The best hypothesis must hold `threshold` or more. A listed candidate must also have
        beaten "none of these" by enough that, were the compensator not listed, a search would
        name some listed candidate this surely at most 1 - threshold of the time: its odds
        against "none of these" must reach (1 - share) / (share x (1 - threshold)), the share
        being the prior one (a likelihood-ratio bound, Ville's inequality). So a prior alone
        never settles a search, and an unlisted compensator is not named away.
        """
        name, p = self.best()
        if p < threshold:
            return None
        if name == NONE_OF_THESE or self.beats_none_of_these(p, threshold):
            return name
        return None

    def beats_none_of_these(self, p: float, threshold: float) -> bool:
        """Whether a candidate held at p leads "none of these" by what `confident` asks."""
        share = float(self.prior_none or 0.0)
        return self.none_of_these * (1.0 - share) <= p * share * (1.0 - threshold)

    def entropy(self) -> float:
        """Uncertainty left, in bits, over the candidates and "none of these"."""
        p = self._p[self._p > 0.0]
        return float(-(p * np.log2(p)).sum())

    def as_dict(self) -> dict[str, float]:
        """Every hypothesis with its probability, "none_of_these" last."""
        names = (*self.candidates, NONE_OF_THESE)
        return {name: float(p) for name, p in zip(names, self._p, strict=True)}


def _result(positive: object) -> bool:
    # "no" or 0.3 must not count as a hold: only a real yes or no is a result.
    if isinstance(positive, bool | np.bool_):
        return bool(positive)
    raise InvalidResult(
        f"A challenge result is True (the weak muscle held) or False (it stayed weak), "
        f"not {positive!r}."
    )


def _check_rates(s: object, f: object) -> None:
    if not (_is_real(s) and _is_real(f) and 0.0 < f < s < 1.0):  # type: ignore[operator]
        raise InvalidTestModel(
            f"A test model needs 0 < false-positive rate < sensitivity < 1; got "
            f"sensitivity {s!r} and false-positive rate {f!r}. A challenge that holds as "
            "often for a wrong structure as for the right one tells nothing."
        )


def _logsumexp(log_p: np.ndarray) -> float:
    top = float(np.max(log_p))
    return top if not math.isfinite(top) else top + math.log(float(np.exp(log_p - top).sum()))


def _logsumexp_rows(joint: np.ndarray) -> np.ndarray:
    """log of the sum over rows (axis 0), column by column."""
    top = joint.max(axis=0)
    safe = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):
        return np.asarray(safe + np.log(np.exp(joint - safe).sum(axis=0)))


def _is_real(value: object) -> bool:
    return (
        isinstance(value, int | float | np.floating | np.integer)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )
