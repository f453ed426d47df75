"""The stop rule: a candidate is named only at the threshold and once it has beaten "none of
these" by enough that an unlisted compensator is rarely named away.

Dana's left psoas tests weak; Alice (s/f 0.85/0.15) is searching for the compensator.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repattern.engine import NONE_OF_THESE, Posterior, TestModel, next_test

ALICE = TestModel(0.85, 0.15)


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
