"""Inputs the first engine mishandled: huge weights, a candidate named like the residual,
results that are not a yes or a no, and a one-candidate prior that was never tested.

Dana's left psoas tests weak; Alice (s/f 0.85/0.15) is searching for the compensator.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repattern.engine import (
    NONE_OF_THESE,
    InvalidCandidate,
    InvalidResult,
    Posterior,
    TestModel,
    next_test,
)

ALICE = TestModel(0.85, 0.15)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.floats(min_value=1e-300, max_value=1.7e308, allow_nan=False, allow_infinity=False),
        min_size=1,
        max_size=10,
    ),
    st.floats(0.0, 0.9),
)
def test_any_finite_positive_weights_give_a_normalized_belief(
    weights: list[float], share: float
) -> None:
    belief = Posterior.from_prior({f"c{i}": w for i, w in enumerate(weights)}, none_of_these=share)
    p = np.array(list(belief.as_dict().values()))
    assert np.all(np.isfinite(p)) and np.all(p >= 0)
    assert p.sum() == pytest.approx(1.0)
    assert belief.none_of_these == pytest.approx(share, abs=1e-12)


def test_two_weights_of_1e308_split_the_listed_share_evenly() -> None:
    belief = Posterior.from_prior({"a": 1e308, "b": 1e308})
    assert belief.probability("a") == pytest.approx(0.475)
    assert belief.none_of_these == pytest.approx(0.05)


def test_a_candidate_named_like_the_residual_is_refused_with_a_sentence() -> None:
    with pytest.raises(InvalidCandidate, match="another name"):
        Posterior.from_prior({NONE_OF_THESE: 1.0, "iliacus:left": 1.0})


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(
        st.text(max_size=5),
        st.integers(),
        st.floats(allow_nan=True),
        st.none(),
        st.lists(st.booleans(), max_size=2),
    )
)
def test_only_true_or_false_is_a_challenge_result(result: object) -> None:
    belief = Posterior.from_prior({"a": 1.0, "b": 1.0})
    with pytest.raises(InvalidResult):
        belief.observe("a", result, ALICE)  # type: ignore[arg-type]


def test_no_is_not_a_hold() -> None:
    with pytest.raises(InvalidResult, match="True"):
        Posterior.from_prior({"a": 1.0}).observe("a", "no", ALICE)  # type: ignore[arg-type]


def test_numpy_booleans_are_results() -> None:
    belief = Posterior.from_prior({"a": 1.0, "b": 1.0})
    assert belief.observe("a", np.bool_(True), ALICE).probability("a") > 0.5


def test_a_one_candidate_prior_is_tested_before_it_is_named() -> None:
    belief = Posterior.from_prior({"quadratus_lumborum:left": 1.0})
    assert belief.probability("quadratus_lumborum:left") == pytest.approx(0.95)
    assert belief.confident(0.95) is None
    choice = next_test(belief, ALICE)
    assert choice is not None and choice.candidate == "quadratus_lumborum:left"


def test_with_no_room_for_none_of_these_a_lone_candidate_is_certain() -> None:
    belief = Posterior.from_prior({"a": 1.0}, none_of_these=0.0)
    assert belief.confident(0.95) == "a"
    assert next_test(belief, ALICE) is None


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(st.text("abcdef", min_size=1, max_size=3), st.floats(0.01, 100.0), min_size=1),
    st.floats(0.001, 0.5),
    st.lists(st.tuples(st.integers(0, 20), st.booleans()), max_size=25),
)
def test_a_listed_candidate_is_named_only_once_it_beats_none_of_these_by_the_bound(
    weights: dict[str, float], share: float, results: list[tuple[int, bool]]
) -> None:
    names = list(weights)
    belief = Posterior.from_prior(weights, none_of_these=share)
    belief = belief.observe_all([(names[i % len(names)], r) for i, r in results], ALICE)
    named = belief.confident(0.95)
    if named is not None and named != NONE_OF_THESE:
        odds = belief.probability(named) / belief.none_of_these
        assert odds >= (1 - share) / (share * 0.05) * (1 - 1e-9)
        assert belief.probability(named) >= 0.95
    assert math.isfinite(belief.entropy())
