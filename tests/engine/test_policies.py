"""next_test and its four policies, on hand-worked cases.

Dana's left psoas tests weak; Alice (s/f 0.85/0.15) is choosing which structure to challenge.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repattern.engine import (
    DEFAULT_POLICY,
    POLICIES,
    InvalidCost,
    InvalidStopping,
    Posterior,
    TestModel,
    UnknownCandidate,
    UnknownPolicy,
    next_test,
)
from repattern.engine.policies import choose, lookahead_values
from repattern.engine.words import percent

ALICE = TestModel(0.85, 0.15)
SHARP, SLOPPY = TestModel(0.95, 0.05), TestModel(0.6, 0.4)


def belief(weights: dict[str, float], none: float = 0.05) -> Posterior:
    return Posterior.from_prior(weights, none_of_these=none)


FOUR = {"a": 0.5, "b": 0.3, "c": 0.1, "d": 0.05}

# (policy, weights, none, model, costs, budget, expected, why)
CASES = [
    ("most_probable", FOUR, 0.05, ALICE, None, None, "a", "a leads at 50%"),
    ("most_probable", FOUR, 0.05, ALICE, {"a": 5.0}, None, "a", "cost does not matter"),
    ("blackwell", FOUR, 0.05, ALICE, None, None, "a", "equal costs: the leader"),
    (
        "blackwell",
        FOUR,
        0.05,
        ALICE,
        {"a": 3.0},
        None,
        "b",
        "0.5 x 0.85 / 3 = 0.14 < 0.3 x 0.85 / 1 = 0.26",
    ),
    (
        "blackwell",
        FOUR,
        0.05,
        {"a": SLOPPY, "b": SHARP, "c": ALICE, "d": ALICE},
        None,
        None,
        "a",
        "0.5 x 0.6 = 0.30 > 0.3 x 0.95 = 0.285",
    ),
    ("information_gain", FOUR, 0.05, ALICE, None, None, "a", "I(0.5) is the most bits"),
    (
        "information_gain",
        {"a": 9.0, "b": 1.0},
        0.0,
        TestModel(0.9, 0.05),
        None,
        None,
        "b",
        "I(0.1) = 0.267 bits > I(0.9) = 0.240 bits at 0.9/0.05",
    ),
    (
        "information_gain",
        FOUR,
        0.05,
        ALICE,
        {"a": 4.0},
        None,
        "b",
        "I(0.5) / 4 = 0.10 < I(0.3) / 1 = 0.26 bits per unit of cost",
    ),
    (
        "budget_lookahead",
        FOUR,
        0.05,
        {"a": SLOPPY, "b": SHARP, "c": ALICE, "d": ALICE},
        None,
        1,
        "b",
        "testing b: 0.285 + 0.475 = 0.76 chance of naming right; testing a: 0.50",
    ),
    (
        "budget_lookahead",
        FOUR,
        0.05,
        ALICE,
        None,
        1,
        "a",
        "a and b both give 0.68; the tie goes to the more informative",
    ),
    ("budget_lookahead", FOUR, 0.05, ALICE, None, None, "a", "no budget: information gain"),
    (
        "budget_lookahead",
        FOUR,
        0.05,
        {"a": SLOPPY, "b": SHARP, "c": ALICE, "d": ALICE},
        None,
        9,
        "b",
        "9 tests left: the most informative, I(b) = 0.62 > I(a) = 0.03 bits",
    ),
]


@pytest.mark.parametrize(
    ("policy", "weights", "none", "model", "costs", "budget", "expected", "why"),
    CASES,
    ids=[f"{c[0]}: {c[7]}" for c in CASES],
)
def test_each_policy_picks_the_hand_worked_choice(
    policy: str,
    weights: dict[str, float],
    none: float,
    model: object,
    costs: dict[str, float] | None,
    budget: int | None,
    expected: str,
    why: str,
) -> None:
    choice = next_test(
        belief(weights, none),
        model,
        costs=costs,
        budget=budget,  # type: ignore
        policy=policy,
    )
    assert choice is not None
    assert choice.candidate == expected, why


def test_the_lookahead_values_match_the_hand_worked_one_step_case() -> None:
    p = np.array([0.5, 0.3, 0.1, 0.05])
    s, f = np.array([0.6, 0.95, 0.85, 0.85]), np.array([0.4, 0.05, 0.15, 0.15])
    top, values = lookahead_values(p, np.asarray(0.05), s, f, depth=1)
    # Testing c: a positive leaves c ahead at 0.1 x 0.85 = 0.085, a negative leaves a ahead at
    # 0.5 x 0.85 = 0.425; together 0.51. Testing d changes no naming: 0.075 + 0.425 = 0.50.
    assert dict(zip(top.tolist(), values.tolist(), strict=True)) == pytest.approx(
        {0: 0.50, 1: 0.76, 2: 0.51, 3: 0.50}
    )


def _brute_force(p: np.ndarray, s: np.ndarray, f: np.ndarray, depth: int) -> np.ndarray:
    """Expectimax over every candidate and outcome, from scratch."""

    def value(w: np.ndarray, left: int) -> float:
        if left == 0:
            return float(w.max())
        return max(
            sum(value(w * _likelihood(i, y, s, f, len(w)), left - 1) for y in (0, 1))
            for i in range(len(w) - 1)
        )

    return np.array(
        [
            sum(value(p * _likelihood(i, y, s, f, len(p)), depth - 1) for y in (0, 1))
            for i in range(len(p) - 1)
        ]
    )


def _likelihood(i: int, y: int, s: np.ndarray, f: np.ndarray, size: int) -> np.ndarray:
    held = np.full(size, f[i])
    held[i] = s[i]
    return held if y else 1 - held


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(0.01, 1.0), min_size=1, max_size=4),
    st.floats(0.0, 0.5),
    st.integers(1, 3),
    st.floats(0.55, 0.95),
    st.floats(0.05, 0.45),
)
def test_the_lookahead_is_exact_when_every_candidate_is_a_leader(
    weights: list[float], none: float, depth: int, s: float, f: float
) -> None:
    p = np.array(weights) / sum(weights) * (1 - none)
    sv, fv = np.full(len(p), s), np.full(len(p), f)
    top, values = lookahead_values(p, np.asarray(none), sv, fv, depth)
    expected = _brute_force(np.append(p, none), np.append(sv, f), np.append(fv, f), depth)
    assert values[np.argsort(top)] == pytest.approx(expected, abs=1e-12)


def test_it_stops_when_a_candidate_reaches_the_threshold() -> None:
    sure = belief({"a": 0.5, "b": 0.5}).observe_all([("a", True)] * 4 + [("b", False)] * 2, ALICE)
    assert sure.probability("a") >= 0.95
    assert next_test(sure, ALICE, threshold=0.95) is None
    assert next_test(sure, ALICE, threshold=0.9999) is not None


def test_a_prior_alone_never_settles_a_search() -> None:
    alone = belief({"a": 1.0})
    assert alone.probability("a") == pytest.approx(0.95)
    choice = next_test(alone, ALICE)
    assert choice is not None and choice.candidate == "a"


def test_it_stops_when_none_of_these_reaches_the_threshold() -> None:
    exhausted = belief({"a": 1.0, "b": 1.0}).observe_all([("a", False), ("b", False)] * 6, ALICE)
    assert exhausted.none_of_these >= 0.95
    assert next_test(exhausted, ALICE) is None


def test_it_stops_when_no_tests_are_left() -> None:
    assert next_test(belief(FOUR), ALICE, budget=0) is None
    assert next_test(belief(FOUR), ALICE, budget=1) is not None


@pytest.mark.parametrize("policy", list(POLICIES))
def test_every_policy_explains_itself_in_words_with_numbers(policy: str) -> None:
    choice = next_test(
        belief({"quadratus_lumborum:left": 3.0, "iliacus:left": 1.0}),
        ALICE,
        budget=6,
        policy=policy,
    )
    assert choice is not None
    assert choice.reason.startswith("Challenge quadratus_lumborum:left next")
    assert "71%" in choice.reason and "93%" in choice.reason
    assert choice.explain() == choice.reason
    assert choice.if_positive == pytest.approx(0.93, abs=0.005)


def test_the_default_policy_names_the_window_and_the_chance_of_naming_right() -> None:
    dana = belief({"quadratus_lumborum:left": 3.0, "iliacus:left": 1.0})
    early, late = next_test(dana, ALICE, budget=6), next_test(dana, ALICE, budget=2)
    assert early is not None and late is not None and late.policy == DEFAULT_POLICY
    assert "with 6 tests left, take the challenge expected to tell the most" in early.reason
    assert "with 2 tests left" in late.reason and "when the window closes" in late.reason
    assert percent(late.score, 0.95) in late.reason


@pytest.mark.parametrize("threshold", [0.0, -0.5, 1.5])
def test_a_threshold_outside_zero_to_one_raises_invalid_stopping(threshold: float) -> None:
    with pytest.raises(InvalidStopping):
        next_test(belief(FOUR), ALICE, threshold=threshold)


@pytest.mark.parametrize("budget", [-1, 2.5, True])
def test_a_budget_that_is_not_a_count_raises_invalid_stopping(budget: object) -> None:
    with pytest.raises(InvalidStopping):
        next_test(belief(FOUR), ALICE, budget=budget)  # type: ignore[arg-type]


def test_an_unknown_policy_raises_unknown_policy() -> None:
    with pytest.raises(UnknownPolicy, match="most_probable"):
        next_test(belief(FOUR), ALICE, policy="coin_toss")


def test_bad_costs_raise_named_errors() -> None:
    with pytest.raises(InvalidCost):
        next_test(belief(FOUR), ALICE, costs={"a": 0.0})
    with pytest.raises(UnknownCandidate):
        next_test(belief(FOUR), ALICE, costs={"zz": 1.0})


def test_a_model_mapping_missing_a_candidate_raises_unknown_candidate() -> None:
    with pytest.raises(UnknownCandidate):
        next_test(belief(FOUR), {"a": ALICE})


@settings(max_examples=30, deadline=None)
@given(
    st.integers(1, 30),
    st.integers(2, 8),
    st.sampled_from(list(POLICIES)),
    st.one_of(st.none(), st.integers(1, 12)),
    st.integers(0, 2**31),
)
def test_a_batch_of_beliefs_gets_the_same_choices_as_one_at_a_time(
    n: int, rows: int, policy: str, budget: int | None, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    p = rng.dirichlet(np.ones(n + 1), size=rows)
    s, f = rng.uniform(0.6, 0.95, (rows, n)), rng.uniform(0.05, 0.4, (rows, n))
    cost = rng.integers(1, 4, (rows, n)).astype(float)
    batch, _ = choose(policy, p[:, :n], p[:, n], s, f, cost, budget)
    single = [
        int(choose(policy, p[r, :n], p[r, n], s[r], f[r], cost[r], budget)[0]) for r in range(rows)
    ]
    assert batch.tolist() == single


def test_it_keeps_suggesting_until_it_is_sure_or_the_window_is_used() -> None:
    current, left = belief({f"c{i}": 1.0 for i in range(5)}), 12
    while (choice := next_test(current, ALICE, budget=left)) is not None:
        current, left = current.observe(choice.candidate, False, ALICE), left - 1
    assert current.confident(0.95) == "none_of_these" or left == 0
