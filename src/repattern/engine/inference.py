"""What the tests so far say about which structure is the compensator.

A challenge is noisy evidence, never a verdict (DOMAIN.md section 2). `TestModel` holds how
noisy: the sensitivity (the weak muscle holds when the challenged structure is the compensator)
and the false-positive rate (it holds although it is not). `Posterior` holds the belief over the
candidate compensators plus a residual "none of these", and Bayes' rule moves it one challenge
at a time (DOMAIN.md section 3).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from repattern.engine.errors import InvalidTestModel, InvalidWeight, UnknownCandidate

NONE_OF_THESE = "none_of_these"

DEFAULT_NONE_OF_THESE = 0.05


def binary_entropy(p: np.ndarray | float) -> np.ndarray:
    """h(p) in bits, with h(0) = h(1) = 0."""
    q = np.clip(np.asarray(p, dtype=float), 1e-300, 1.0 - 1e-16)
    return np.asarray(-(q * np.log2(q) + (1.0 - q) * np.log2(1.0 - q)))


def information(p: np.ndarray | float, s: np.ndarray | float, f: np.ndarray | float) -> np.ndarray:
    """Expected bits one challenge gives about a candidate held at probability p.

    I(p) = h(f + p(s - f)) - p h(s) - (1 - p) h(f). The result depends on the hypothesis only
    through "is it this candidate?", so this is also the expected drop in the whole belief's
    entropy.
    """
    p = np.asarray(p, dtype=float)
    return np.asarray(
        binary_entropy(f + p * (s - f)) - p * binary_entropy(s) - (1.0 - p) * binary_entropy(f)
    )


@dataclass(frozen=True)
class TestModel:
    """How often a challenge holds: when it is the compensator, and when it is not."""

    __test__ = False  # a domain name, not a pytest class

    sensitivity: float
    false_positive_rate: float

    def __post_init__(self) -> None:
        s, f = self.sensitivity, self.false_positive_rate
        if not (_is_real(s) and _is_real(f) and 0.0 < f < s < 1.0):
            raise InvalidTestModel(
                f"A test model needs 0 < false-positive rate < sensitivity < 1; got "
                f"sensitivity {s!r} and false-positive rate {f!r}. A challenge that holds as "
                "often for a wrong structure as for the right one tells nothing."
            )

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


ModelLike = TestModel | Mapping[str, TestModel]


def model_for(model: ModelLike, candidate: str) -> TestModel:
    """The test model for one candidate's challenge."""
    if isinstance(model, TestModel):
        return model
    try:
        return model[candidate]
    except KeyError:
        raise UnknownCandidate(f"No test model is given for {candidate!r}.") from None


@dataclass(frozen=True, eq=False)
class Posterior:
    """The belief over candidate compensators and "none of these", after some challenges.

    Stored as normalized log-probabilities (the last entry is "none of these"), so a long run of
    challenges stays finite and observations commute exactly as Bayes' rule says they should.
    """

    candidates: tuple[str, ...]
    log_probabilities: np.ndarray = field(repr=False)
    tests: int = 0
    _index: Mapping[str, int] = field(repr=False, default_factory=dict)
    _p: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        log_p = np.asarray(self.log_probabilities, dtype=float)
        log_p = log_p - _logsumexp(log_p)
        log_p.setflags(write=False)
        p = np.exp(log_p)
        p.setflags(write=False)
        object.__setattr__(self, "log_probabilities", log_p)
        object.__setattr__(self, "_p", p)
        if not self._index:
            object.__setattr__(self, "_index", {c: i for i, c in enumerate(self.candidates)})

    @classmethod
    def from_prior(
        cls, weights: Mapping[str, float], none_of_these: float = DEFAULT_NONE_OF_THESE
    ) -> Posterior:
        """A belief from prior weights (any positive scale) and the share left to "none"."""
        if not weights:
            raise InvalidWeight("A belief needs at least one candidate compensator.")
        for candidate, weight in weights.items():
            if not (_is_real(weight) and weight > 0.0 and math.isfinite(weight)):
                raise InvalidWeight(
                    f"The prior weight of {candidate!r} is {weight!r}; weights must be finite "
                    "and positive (leave a candidate out rather than giving it zero)."
                )
        if not (_is_real(none_of_these) and 0.0 <= none_of_these < 1.0):
            raise InvalidWeight(
                f"The share for 'none of these' is {none_of_these!r}; it must be at least 0 and "
                "below 1."
            )
        w = np.array([float(v) for v in weights.values()])
        p = np.append(w / w.sum() * (1.0 - none_of_these), none_of_these)
        with np.errstate(divide="ignore"):
            return cls(tuple(weights), np.log(p))

    def observe(self, candidate: str, positive: bool, model: ModelLike) -> Posterior:
        """The belief after challenging `candidate`; positive means the weak muscle held.

        The challenged candidate's probability is multiplied by s (or 1 - s) and every other
        hypothesis, "none of these" included, by f (or 1 - f); the common factor cancels when
        normalizing, so only the challenged entry moves in log space.
        """
        i = self.index(candidate)
        log_p = self.log_probabilities.copy()
        log_p[i] += model_for(model, candidate).log_ratio(bool(positive))
        return Posterior(self.candidates, log_p, self.tests + 1, self._index)

    def observe_all(self, results: Iterable[tuple[str, bool]], model: ModelLike) -> Posterior:
        """The belief after a series of (candidate, positive) results."""
        belief = self
        for candidate, positive in results:
            belief = belief.observe(candidate, positive, model)
        return belief

    def index(self, candidate: str) -> int:
        try:
            return self._index[candidate]
        except KeyError:
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
        """The hypothesis held at `threshold` or more ("none_of_these" included), else None."""
        name, p = self.best()
        return name if p >= threshold else None

    def entropy(self) -> float:
        """Uncertainty left, in bits, over the candidates and "none of these"."""
        p = self._p[self._p > 0.0]
        return float(-(p * np.log2(p)).sum())

    def as_dict(self) -> dict[str, float]:
        """Every hypothesis with its probability, "none_of_these" last."""
        names = (*self.candidates, NONE_OF_THESE)
        return {name: float(p) for name, p in zip(names, self._p, strict=True)}


def _logsumexp(log_p: np.ndarray) -> float:
    top = float(np.max(log_p))
    return top + math.log(float(np.exp(log_p - top).sum()))


def _is_real(value: object) -> bool:
    return (
        isinstance(value, int | float | np.floating | np.integer)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )
