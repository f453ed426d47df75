"""Which challenge to do next, and why.

Four policies (DOMAIN.md section 3), each a function on arrays so that the session screen (one
belief) and the benchmark (thousands of simulated beliefs at once) run the very same code:

- ``most_probable``: retest the most probable candidate (Smith and Walsh 1971).
- ``blackwell``: Blackwell's index p_i s_i / cost_i, optimal for search without false positives.
- ``information_gain``: the most expected bits per unit of cost.
- ``budget_lookahead``: the best chance of naming the right compensator when the window closes:
  the most informative challenges first, then an exact plan over the leading candidates for
  the window's last few tests.

Each returns, per belief, the index of the candidate to challenge and the score that won.
`next_test` wraps them for one belief and says in words, with the numbers, why.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from repattern.engine.errors import InvalidCost, InvalidStopping, UnknownPolicy
from repattern.engine.inference import ModelLike, Posterior, TestModel, information, model_for

# The look-ahead plans the window's last LOOKAHEAD_DEPTH tests over this many leading
# candidates: so close to the end the final naming is almost always among the leaders, and
# 8^3 branches stay well under a millisecond. Planning only the end game is deliberate: a
# rolling three-test horizon early in a 12-test window measured worse (docs/bench/engine.md).
LOOKAHEAD_CANDIDATES = 4
LOOKAHEAD_DEPTH = 3
# Look-ahead values closer than this are a tie, broken by information per unit of cost.
TIE = 1e-9
# Beliefs per chunk when the benchmark runs the look-ahead for many at once (memory bound).
CHUNK = 1024

DEFAULT_POLICY = "budget_lookahead"
DEFAULT_THRESHOLD = 0.95

Array = np.ndarray
Choice = tuple[Array, Array]  # (index to challenge, winning score), one entry per belief
Chooser = Callable[[Array, Array, Array, Array, Array, "int | None"], Choice]


@dataclass(frozen=True)
class Suggestion:
    """The challenge to do next, and the numbers behind the choice."""

    candidate: str
    policy: str
    probability: float
    if_positive: float
    if_negative: float
    bits: float
    cost: float
    score: float
    reason: str

    def explain(self) -> str:
        return self.reason


def most_probable(
    p: Array, none: Array, s: Array, f: Array, cost: Array, budget: int | None
) -> Choice:
    return _best(p)


def blackwell(p: Array, none: Array, s: Array, f: Array, cost: Array, budget: int | None) -> Choice:
    return _best(p * s / cost)


def information_gain(
    p: Array, none: Array, s: Array, f: Array, cost: Array, budget: int | None
) -> Choice:
    return _best(information(p, s, f) / cost)


def budget_lookahead(
    p: Array, none: Array, s: Array, f: Array, cost: Array, budget: int | None
) -> Choice:
    """The challenge that gives the best chance of naming the right compensator at the end.

    With more than LOOKAHEAD_DEPTH tests left, or no budget, gather information: the most
    informative challenge per unit of cost, as `information_gain`. For the last tests, plan
    exactly over the leaders; the score is then the chance of naming right when the window
    closes. Challenges that promise the same chance go to the more informative one.
    """
    if budget is None or budget > LOOKAHEAD_DEPTH:
        return information_gain(p, none, s, f, cost, budget)
    top, values = lookahead_values(p, none, s, f, max(budget, 1))
    best = values.max(axis=-1, keepdims=True)
    p_top, s_top, f_top, cost_top = (_at(x, top, p.shape) for x in (p, s, f, cost))
    bits = information(p_top, s_top, f_top) / cost_top
    pick = np.argmax(np.where(values >= best - TIE, bits, -np.inf), axis=-1)[..., None]
    return (
        np.take_along_axis(top, pick, axis=-1)[..., 0],
        np.take_along_axis(values, pick, axis=-1)[..., 0],
    )


def _at(x: Array, top: Array, shape: tuple[int, ...]) -> Array:
    """The entries of x (one per candidate, or one for all) at the leaders' indices."""
    return np.take_along_axis(np.broadcast_to(x, shape), top, axis=-1)


def _best(score: Array) -> Choice:
    i = np.argmax(score, axis=-1)
    return i, np.take_along_axis(score, i[..., None], axis=-1)[..., 0]


def lookahead_values(p: Array, none: Array, s: Array, f: Array, depth: int) -> tuple[Array, Array]:
    """The leading candidates and, for each, the chance of naming right after `depth` tests.

    The value of a branch is the expected probability of the hypothesis named at its end, which
    is the chance that naming is right. Hypotheses outside the leaders are never challenged
    inside the tree, so they all scale alike and only the largest of them (or "none of these")
    can end up named: the leaders plus that one summarize the belief exactly. Stopping at the
    threshold inside the window is not modelled; it can only lower a branch's value slightly.
    """
    p2 = np.atleast_2d(p)
    none2 = np.broadcast_to(none, p2.shape[:1])
    s2, f2 = np.broadcast_to(s, p2.shape), np.broadcast_to(f, p2.shape)
    tops, values = [], []
    for i in range(0, p2.shape[0], CHUNK):
        rows = slice(i, i + CHUNK)
        top, weights = _leaders(p2[rows], none2[rows])
        tops.append(top)
        values.append(_expectimax(weights, _likelihood_table(s2[rows], f2[rows], top), depth))
    shape = (*p.shape[:-1], -1)
    return np.concatenate(tops).reshape(shape), np.concatenate(values).reshape(shape)


def _leaders(p: Array, none: Array) -> tuple[Array, Array]:
    """Indices of the leading candidates, and weights: the leaders, then the best of the rest."""
    n = p.shape[-1]
    k = min(LOOKAHEAD_CANDIDATES, n)
    if n > k:
        part = np.argpartition(-p, k, axis=-1)
        top = part[:, :k]
        runner_up = np.take_along_axis(p, part[:, k : k + 1], axis=-1)[:, 0]
    else:
        top = np.broadcast_to(np.arange(n), p.shape)
        runner_up = np.zeros(p.shape[0])
    rest = np.maximum(runner_up, none)
    return top, np.concatenate([np.take_along_axis(p, top, axis=-1), rest[:, None]], axis=-1)


def _likelihood_table(s: Array, f: Array, top: Array) -> Array:
    """L[row, action, outcome, hypothesis]: the chance of each result of each leader's test."""
    k = top.shape[-1]
    s_top = np.take_along_axis(s, top, axis=-1)[:, :, None]
    f_top = np.take_along_axis(f, top, axis=-1)[:, :, None]
    held = np.where(np.eye(k, k + 1, dtype=bool), s_top, f_top)
    return np.stack([1.0 - held, held], axis=2)


def _expectimax(weights: Array, likelihood: Array, depth: int) -> Array:
    """Value of challenging each leader first, then choosing the best at every later step.

    Unnormalized joint weights are carried down the tree: the chance of a branch's outcomes
    times the posterior of its best hypothesis is just the largest joint weight at its leaf.
    """
    rows, k = likelihood.shape[0], likelihood.shape[1]
    level = weights[:, None, :]
    for _ in range(depth):
        level = (level[:, :, None, None, :] * likelihood[:, None]).reshape(rows, -1, k + 1)
    values = level.max(axis=-1)
    for _ in range(depth - 1):
        values = values.reshape(rows, -1, k, 2).sum(axis=-1).max(axis=-1)
    return values.reshape(rows, k, 2).sum(axis=-1)


POLICIES: dict[str, Chooser] = {
    "most_probable": most_probable,
    "blackwell": blackwell,
    "information_gain": information_gain,
    "budget_lookahead": budget_lookahead,
}


def choose(
    policy: str, p: Array, none: Array, s: Array, f: Array, cost: Array, budget: int | None = None
) -> Choice:
    """Index of the candidate each belief should challenge next (rows of `p`), and its score."""
    try:
        chooser = POLICIES[policy]
    except KeyError:
        raise UnknownPolicy(
            f"There is no policy {policy!r}; choose one of {', '.join(POLICIES)}."
        ) from None
    return chooser(p, none, s, f, cost, budget)


def next_test(
    belief: Posterior,
    model: ModelLike,
    costs: Mapping[str, float] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    budget: int | None = None,
    *,
    policy: str = DEFAULT_POLICY,
) -> Suggestion | None:
    """The challenge to do next, or None to stop.

    Stops when a candidate or "none of these" reaches `threshold`, or when `budget` (tests
    left) is 0. `model` may be one `TestModel` or a mapping from candidate to `TestModel`;
    `costs` maps candidates to seconds or effort, 1 when left out. Every policy always has a
    challenge to suggest while it has not stopped: retesting a candidate is always allowed,
    because no single noisy test rules one out.
    """
    _check_stopping(threshold, budget)
    if budget == 0 or belief.confident(threshold) is not None:
        return None
    s, f = rates(belief, model)
    cost = cost_array(belief, costs)
    p = belief.probabilities
    i, score = choose(policy, p, np.asarray(belief.none_of_these), s, f, cost, budget)
    return _suggest(belief, int(i), float(score), policy, (s, f, cost), budget)


def rates(belief: Posterior, model: ModelLike) -> tuple[Array, Array]:
    """Sensitivity and false-positive rate of each candidate's challenge, as arrays."""
    if isinstance(model, TestModel):
        return np.asarray(model.sensitivity), np.asarray(model.false_positive_rate)
    models = [model_for(model, c) for c in belief.candidates]
    return (
        np.array([m.sensitivity for m in models]),
        np.array([m.false_positive_rate for m in models]),
    )


def cost_array(belief: Posterior, costs: Mapping[str, float] | None) -> Array:
    """Each candidate's cost, 1 unless `costs` says otherwise; unknown candidates raise."""
    if not costs:
        return np.asarray(1.0)
    cost = np.ones(len(belief.candidates))
    for candidate, value in costs.items():
        if not (isinstance(value, int | float) and math.isfinite(value) and value > 0):
            raise InvalidCost(
                f"The cost of challenging {candidate!r} is {value!r}; costs must be finite and "
                "positive."
            )
        cost[belief.index(candidate)] = value
    return cost


def _check_stopping(threshold: float, budget: int | None) -> None:
    if not (isinstance(threshold, int | float) and 0.0 < threshold <= 1.0):
        raise InvalidStopping(f"The threshold is {threshold!r}; it must be above 0 and at most 1.")
    if budget is not None and (
        isinstance(budget, bool) or not isinstance(budget, int) or budget < 0
    ):
        raise InvalidStopping(
            f"The budget is {budget!r}; it must be a whole number of tests, 0 or more."
        )


@dataclass(frozen=True)
class _Facts:
    """The numbers a reason quotes about the chosen challenge."""

    candidate: str
    p: float
    up: float
    down: float
    bits: float
    sensitivity: float
    cost: float
    score: float
    rank: str

    def outcomes(self) -> str:
        return (
            f"a positive result would raise it to {_pct(self.up)}, a negative would lower "
            f"it to {_pct(self.down)}"
        )


def _suggest(
    belief: Posterior,
    i: int,
    score: float,
    policy: str,
    arrays: tuple[Array, Array, Array],
    budget: int | None,
) -> Suggestion:
    shape = belief.probabilities.shape
    si, fi, ci = (float(np.broadcast_to(x, shape)[i]) for x in arrays)
    p = float(belief.probabilities[i])
    up = p * si / (p * si + (1.0 - p) * fi)
    down = p * (1.0 - si) / (p * (1.0 - si) + (1.0 - p) * (1.0 - fi))
    bits = float(information(p, si, fi))
    candidate = belief.candidates[i]
    leaders = [c for c, _ in belief.top(3)]
    rank = RANKS[leaders.index(candidate)] if candidate in leaders else RANKS[-1]
    facts = _Facts(candidate, p, up, down, bits, si, ci, score, rank)
    reason = REASONS[policy](facts, belief, budget)
    return Suggestion(candidate, policy, p, up, down, bits, ci, score, reason)


RANKS = (
    "the most likely compensator",
    "the second most likely",
    "the third most likely",
    "not among the three most likely",
)


def _why_most_probable(x: _Facts, belief: Posterior, budget: int | None) -> str:
    return (
        f"Challenge {x.candidate} next: at {_pct(x.p)} it is {x.rank}, and retesting the "
        f"leader is the classic rule for search with false positives; {x.outcomes()}."
    )


def _why_blackwell(x: _Facts, belief: Posterior, budget: int | None) -> str:
    return (
        f"Challenge {x.candidate} next: it has the best chance of holding per unit of cost "
        f"({_pct(x.p)} likely x {_pct(x.sensitivity)} sensitivity / cost {x.cost:g} = "
        f"{x.score:.2f}); {x.outcomes()}."
    )


def _why_information(x: _Facts, belief: Posterior, budget: int | None) -> str:
    per_cost = f" ({x.score:.2f} per unit of cost)" if x.cost != 1.0 else ""
    return (
        f"Challenge {x.candidate} next: it is expected to tell the most, {x.bits:.2f} bits"
        f"{per_cost}; at {_pct(x.p)} it is {x.rank}, and {x.outcomes()}."
    )


def _why_lookahead(x: _Facts, belief: Posterior, budget: int | None) -> str:
    if budget is None or budget > LOOKAHEAD_DEPTH:
        window = "with no limit on tests" if budget is None else f"with {_tests(budget)} left"
        return (
            f"Challenge {x.candidate} next: {window}, take the challenge expected to tell "
            f"the most, {x.bits:.2f} bits; at {_pct(x.p)} it is {x.rank}, and "
            f"{x.outcomes()}."
        )
    return (
        f"Challenge {x.candidate} next: with {_tests(budget)} left, starting here gives "
        f"the best chance of naming the right compensator when the window closes, "
        f"{_pct(x.score)} against {_pct(belief.best()[1])} if you named one now; at "
        f"{_pct(x.p)} it is {x.rank}, and {x.outcomes()}."
    )


REASONS: dict[str, Callable[[_Facts, Posterior, int | None], str]] = {
    "most_probable": _why_most_probable,
    "blackwell": _why_blackwell,
    "information_gain": _why_information,
    "budget_lookahead": _why_lookahead,
}


def _tests(n: int) -> str:
    return f"{n} test{'s' if n != 1 else ''}"


def _pct(p: float) -> str:
    return f"{100.0 * p:.0f}%"
