"""Which challenge to do next, and why.

Four policies (DOMAIN.md section 3), each a function on arrays so that the session screen (one
belief) and the benchmark (thousands of simulated beliefs at once) run the very same code:

- ``most_probable``: retest the most probable candidate (Smith and Walsh 1971).
- ``blackwell``: Blackwell's index p_i s_i / cost_i, optimal for search without false positives.
- ``information_gain``: the most expected information per unit of cost, regions included.
- ``budget_lookahead``: the best chance of naming the right compensator when the window closes:
  the most informative challenges first, then an exact plan over the leading candidates for
  the window's last few tests.

Each returns, per belief, the index of the challenge to do (a candidate, or a region of several
candidates under one contact) and the score that won. `next_test` wraps them for one belief
and says in words, with the numbers, why (`suggestion.py`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping

import numpy as np

from repattern.engine.errors import (
    InvalidCandidate,
    InvalidCost,
    InvalidStopping,
    UnknownPolicy,
    UnknownRegion,
)
from repattern.engine.inference import ModelLike, Posterior, TestModel, information, model_for
from repattern.engine.lookahead import (
    LOOKAHEAD_CANDIDATES,
    LOOKAHEAD_DEPTH,
    REGION_ACTIONS,
    Regions,
    lookahead_values,
)
from repattern.engine.suggestion import ChoiceFacts, Suggestion

# Look-ahead values closer than this are a tie, broken by information per unit of cost.
TIE = 1e-9

DEFAULT_POLICY = "budget_lookahead"
DEFAULT_THRESHOLD = 0.95

Array = np.ndarray
Choice = tuple[Array, Array]  # (index to challenge, winning score), one entry per belief
Chooser = Callable[[Array, Array, Array, Array, Array, "int | None", "Regions | None"], Choice]


def most_probable(
    p: Array,
    none: Array,
    s: Array,
    f: Array,
    cost: Array,
    budget: int | None,
    regions: Regions | None = None,
) -> Choice:
    return _best(p)


def blackwell(
    p: Array,
    none: Array,
    s: Array,
    f: Array,
    cost: Array,
    budget: int | None,
    regions: Regions | None = None,
) -> Choice:
    return _best(p * s / cost)


def information_gain(
    p: Array,
    none: Array,
    s: Array,
    f: Array,
    cost: Array,
    budget: int | None,
    regions: Regions | None = None,
) -> Choice:
    """The most expected information per unit of cost; a region index follows the N singles."""
    return _best(_information_scores(p, s, f, cost, regions))


def budget_lookahead(
    p: Array,
    none: Array,
    s: Array,
    f: Array,
    cost: Array,
    budget: int | None,
    regions: Regions | None = None,
) -> Choice:
    """The challenge that gives the best chance of naming the right compensator at the end.

    With more than LOOKAHEAD_DEPTH tests left, or no budget, gather information: the most
    informative challenge per unit of cost, as `information_gain`. For the last tests, plan
    exactly over the leaders and the most informative regions (`lookahead`); the score is then
    the chance of naming right when the window closes. Challenges that promise the same chance
    go to the more informative one.
    """
    if budget is None or budget > LOOKAHEAD_DEPTH:
        return information_gain(p, none, s, f, cost, budget, regions)
    actions, values = lookahead_values(p, none, s, f, max(budget, 1), regions)
    best = values.max(axis=-1, keepdims=True)
    bits = _action_information(p, s, f, cost, regions, actions)
    pick = np.argmax(np.where(values >= best - TIE, bits, -np.inf), axis=-1)[..., None]
    return (
        np.take_along_axis(actions, pick, axis=-1)[..., 0],
        np.take_along_axis(values, pick, axis=-1)[..., 0],
    )


def _action_information(
    p: Array, s: Array, f: Array, cost: Array, regions: Regions | None, actions: Array
) -> Array:
    """Information per unit of cost of the actions the look-ahead weighed, and only those."""
    n = p.shape[-1]
    single = np.minimum(actions, n - 1)
    p_a, s_a, f_a, c_a = (
        np.take_along_axis(np.broadcast_to(x, p.shape), single, axis=-1) for x in (p, s, f, cost)
    )
    if regions is not None and regions.members.shape[-2] and (actions >= n).any():
        shape = regions.members.shape[:-1]
        r = np.clip(actions - n, 0, shape[-1] - 1)
        chosen = np.take_along_axis(regions.members, r[..., None], axis=-2)
        inside = actions >= n
        p_a = np.where(inside, (chosen * p[..., None, :]).sum(axis=-1), p_a)
        s_a, f_a, c_a = (
            np.where(inside, np.take_along_axis(np.broadcast_to(x, shape), r, axis=-1), y)
            for x, y in ((regions.s, s_a), (regions.f, f_a), (regions.cost, c_a))
        )
    return information(p_a, s_a, f_a) / c_a


def _information_scores(
    p: Array, s: Array, f: Array, cost: Array, regions: Regions | None
) -> Array:
    """Information per unit of cost of every challenge: the N candidates, then the regions."""
    score = np.broadcast_to(information(p, s, f) / cost, p.shape)
    if regions is None or not regions.members.shape[-2]:
        return score
    q = np.einsum("...rn,...n->...r", regions.members, p)
    covered = information(q, regions.s, regions.f) / regions.cost
    return np.concatenate([score, np.broadcast_to(covered, q.shape)], axis=-1)


def _best(score: Array) -> Choice:
    i = np.argmax(score, axis=-1)
    return i, np.take_along_axis(score, i[..., None], axis=-1)[..., 0]


POLICIES: dict[str, Chooser] = {
    "most_probable": most_probable,
    "blackwell": blackwell,
    "information_gain": information_gain,
    "budget_lookahead": budget_lookahead,
}


def choose(
    policy: str,
    p: Array,
    none: Array,
    s: Array,
    f: Array,
    cost: Array,
    budget: int | None = None,
    regions: Regions | None = None,
) -> Choice:
    """Index of the challenge each belief should do next (rows of `p`), and its score.

    An index below N is a candidate; N + r is region r of `regions`.
    """
    try:
        chooser = POLICIES[policy]
    except KeyError:
        raise UnknownPolicy(
            f"There is no policy {policy!r}; choose one of {', '.join(POLICIES)}."
        ) from None
    return chooser(p, none, s, f, cost, budget, regions)


def next_test(
    belief: Posterior,
    model: ModelLike,
    costs: Mapping[str, float] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    budget: int | None = None,
    *,
    policy: str = DEFAULT_POLICY,
    regions: Mapping[str, Iterable[str]] | None = None,
    region_model: ModelLike | None = None,
) -> Suggestion | None:
    """The challenge to do next, or None to stop.

    Stops when `belief.confident(threshold)` names a candidate or "none of these", or when
    `budget` (tests left) is 0. `model` may be one `TestModel` or a mapping from candidate to
    `TestModel`; `costs` maps candidates (and region names) to seconds or effort, 1 when left
    out. `regions` maps a region's name to the candidates one contact covers; the engine may
    then suggest challenging them together (`Suggestion.candidates`, `Suggestion.region`), and
    narrow inside afterwards. `region_model` is the `TestModel` of region challenges, or a
    mapping from region name to one; None means `model`. Every policy always has a challenge
    to suggest while it has not stopped: no single noisy test rules a candidate out.
    """
    _check_stopping(threshold, budget)
    if budget == 0 or belief.confident(threshold) is not None:
        return None
    weights = belief.level_weights()
    s, f = rates(belief, model, weights)
    covered = region_members(belief, regions or {})
    cost = cost_array(belief, costs, covered)
    arrays = _region_arrays(belief, covered, model, region_model, costs, weights)
    p = belief.probabilities
    i, score = choose(policy, p, np.asarray(belief.none_of_these), s, f, cost, budget, arrays)
    facts = ChoiceFacts(belief, policy, threshold, budget, float(score), _planning(policy, budget))
    if int(i) < len(p):
        k = int(i)
        return facts.single(belief.candidates[k], *_at_index((s, f, cost), k, p.shape))
    assert arrays is not None
    r = int(i) - len(p)
    name = list(covered)[r]
    return facts.region(
        name, covered[name], float(arrays.s[r]), float(arrays.f[r]), float(arrays.cost[r])
    )


def _planning(policy: str, budget: int | None) -> bool:
    return policy == "budget_lookahead" and budget is not None and budget <= LOOKAHEAD_DEPTH


def _at_index(arrays: tuple[Array, Array, Array], i: int, shape: tuple[int, ...]) -> list[float]:
    return [float(np.broadcast_to(x, shape)[i]) for x in arrays]


def region_members(
    belief: Posterior, regions: Mapping[str, Iterable[str]]
) -> dict[str, tuple[str, ...]]:
    """Each region's members as a tuple of candidates, checked against the belief."""
    covered = {}
    for name, members in regions.items():
        found = tuple(dict.fromkeys(members))
        if not found:
            raise InvalidCandidate(f"The region {name!r} covers no candidate; leave it out.")
        for candidate in found:
            belief.index(candidate)
        covered[name] = found
    return covered


def _region_arrays(
    belief: Posterior,
    covered: Mapping[str, tuple[str, ...]],
    model: ModelLike,
    region_model: ModelLike | None,
    costs: Mapping[str, float] | None,
    weights: Array,
) -> Regions | None:
    if not covered:
        return None
    members = np.zeros((len(covered), len(belief.candidates)))
    s, f, cost = (np.ones(len(covered)) for _ in range(3))
    # Usually one model serves every region: weigh its levels once.
    weighed: dict[int, tuple[float, float]] = {}
    for r, (name, found) in enumerate(covered.items()):
        members[r, [belief.index(c) for c in found]] = 1.0
        chosen = _region_model(name, found, model, region_model)
        if id(chosen) not in weighed:
            weighed[id(chosen)] = expected_rates(chosen, weights)
        s[r], f[r] = weighed[id(chosen)]
        cost[r] = _cost(name, costs[name]) if costs and name in costs else 1.0
    return Regions(members, s, f, cost)


def _region_model(
    name: str, found: tuple[str, ...], model: ModelLike, region_model: ModelLike | None
) -> TestModel:
    if isinstance(region_model, TestModel):
        return region_model
    if region_model is not None:
        if name not in region_model:
            raise UnknownRegion(f"No region test model is given for {name!r}; add it.")
        return region_model[name]
    return model_for(model, found)


def expected_rates(model: TestModel, weights: Array) -> tuple[float, float]:
    """The model's sensitivity and false-positive rate, its levels weighed as the belief now
    weighs them (the challenges so far say something about the tester too)."""
    s, f = model.level_rates()
    if len(s) == 1 or len(weights) != len(s):
        return model.sensitivity, model.false_positive_rate
    return float(weights @ s), float(weights @ f)


def rates(belief: Posterior, model: ModelLike, weights: Array | None = None) -> tuple[Array, Array]:
    """Sensitivity and false-positive rate of each candidate's challenge, as arrays."""
    w = belief.level_weights() if weights is None else weights
    if isinstance(model, TestModel):
        s, f = expected_rates(model, w)
        return np.asarray(s), np.asarray(f)
    pairs = [expected_rates(model_for(model, c), w) for c in belief.candidates]
    return np.array([a for a, _ in pairs]), np.array([b for _, b in pairs])


def cost_array(
    belief: Posterior,
    costs: Mapping[str, float] | None,
    regions: Mapping[str, object] | None = None,
) -> Array:
    """Each candidate's cost, 1 unless `costs` says otherwise; unknown names raise."""
    if not costs:
        return np.asarray(1.0)
    cost = np.ones(len(belief.candidates))
    for name, value in costs.items():
        if regions and name in regions:
            _cost(name, value)
            continue
        cost[belief.index(name)] = _cost(name, value)
    return cost


def _cost(name: str, value: object) -> float:
    if not (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value > 0
    ):
        raise InvalidCost(
            f"The cost of challenging {name!r} is {value!r}; costs must be finite and positive."
        )
    return float(value)


def _check_stopping(threshold: float, budget: int | None) -> None:
    if not (
        isinstance(threshold, int | float)
        and not isinstance(threshold, bool)
        and 0.0 < threshold <= 1.0
    ):
        raise InvalidStopping(f"The threshold is {threshold!r}; it must be above 0 and at most 1.")
    if budget is not None and (
        isinstance(budget, bool) or not isinstance(budget, int) or budget < 0
    ):
        raise InvalidStopping(
            f"The budget is {budget!r}; it must be a whole number of tests, 0 or more."
        )


__all__ = [
    "DEFAULT_POLICY",
    "DEFAULT_THRESHOLD",
    "LOOKAHEAD_CANDIDATES",
    "LOOKAHEAD_DEPTH",
    "POLICIES",
    "REGION_ACTIONS",
    "Regions",
    "Suggestion",
    "choose",
    "lookahead_values",
    "next_test",
]
