"""Why the engine suggests a challenge, in plain words with rounded numbers.

Dana's left psoas tests weak; Alice (s/f 0.85/0.15) reads the reason on the session screen.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repattern.engine import POLICIES, Posterior, TestModel, next_test

ALICE = TestModel(0.85, 0.15)
QL, ILIACUS = "quadratus_lumborum:left", "iliacus:left"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0.01, 10.0), min_size=1, max_size=6),
    st.sampled_from(list(POLICIES)),
    st.one_of(st.none(), st.integers(1, 12)),
    st.lists(st.tuples(st.integers(0, 5), st.booleans()), max_size=10),
    st.booleans(),
)
def test_no_reason_speaks_of_bits(
    weights: list[float],
    policy: str,
    budget: int | None,
    results: list[tuple[int, bool]],
    with_region: bool,
) -> None:
    names = [f"c{i}" for i in range(len(weights))]
    belief = Posterior.from_prior(dict(zip(names, weights, strict=True)))
    belief = belief.observe_all([(names[i % len(names)], r) for i, r in results], ALICE)
    regions = {"flank": tuple(names[:2])} if with_region else None
    choice = next_test(belief, ALICE, budget=budget, policy=policy, regions=regions)
    if choice is not None:
        words = choice.reason.lower()
        for jargon in ("bit", "entropy", "sensitivity", "false positive", "per unit", " = "):
            assert jargon not in words, choice.reason
        assert choice.reason.startswith("Challenge ")


def test_a_tie_is_called_a_tie() -> None:
    choice = next_test(Posterior.from_prior({QL: 1.0, ILIACUS: 1.0}), ALICE, policy="most_probable")
    assert choice is not None
    assert f"at 48% it is tied with {ILIACUS}" in choice.reason


def test_when_none_of_these_leads_the_reason_says_so() -> None:
    belief = Posterior.from_prior({QL: 1.0, ILIACUS: 1.0}).observe_all(
        [(QL, False), (ILIACUS, False)] * 2, ALICE
    )
    choice = next_test(belief, ALICE)
    assert choice is not None
    assert "'None of these' leads at" in choice.reason


def test_the_reason_says_how_often_the_challenge_should_hold() -> None:
    choice = next_test(Posterior.from_prior({QL: 3.0, ILIACUS: 1.0}), ALICE, budget=12)
    assert choice is not None
    assert choice.chance_positive == pytest.approx(0.15 + 0.7125 * 0.7)
    assert "it should hold about 65% of the time" in choice.reason
