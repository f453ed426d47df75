"""What a belief accepts: any finite positive weights, candidate names other than the
residual's, and challenge results that are a real yes or no.

Dana's left psoas tests weak; Alice (s/f 0.85/0.15) is searching for the compensator.
"""

from __future__ import annotations

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
