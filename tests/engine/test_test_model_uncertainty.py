"""Test models that carry their uncertainty, and beliefs that weigh every reliability level.

Alice's record: of 20 challenges of the structure later confirmed, 17 held; of 50 challenges of
other structures, 9 held. Bob started last week and has no record.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repattern.engine import (
    InvalidRecord,
    InvalidTestModel,
    Posterior,
    TestModel,
    estimate_reliability,
    next_test,
)
from repattern.engine.levels import LEVELS, PopulationPrior

ALICE = TestModel.from_record(
    held_when_compensator=17, weak_when_compensator=3, held_when_not=9, weak_when_not=41
)
BOB = TestModel.from_record()
POINT = TestModel(0.85, 0.15)


def test_a_model_from_a_record_carries_equally_likely_levels_around_its_figures() -> None:
    assert len(ALICE.levels) == LEVELS
    s, f = ALICE.level_rates()
    assert ALICE.sensitivity == pytest.approx(
        s.mean()
    ) and ALICE.false_positive_rate == pytest.approx(f.mean())
    assert ALICE.sensitivity == pytest.approx((17 + 7.5) / (20 + 10), abs=0.01)
    assert ALICE.false_positive_rate == pytest.approx((9 + 2.5) / (50 + 10), abs=0.01)
    discrimination = np.log(s / (1 - s)) - np.log(f / (1 - f))
    assert np.all(np.diff(discrimination) > 0)


def test_a_practitioner_with_no_record_gets_the_cautious_typical_figures() -> None:
    assert BOB.sensitivity == pytest.approx(0.75, abs=0.02)
    assert BOB.false_positive_rate == pytest.approx(0.25, abs=0.02)
    s, _ = BOB.level_rates()
    assert s.max() - s.min() > 0.2


def test_a_long_record_narrows_the_levels_toward_the_truth() -> None:
    long = TestModel.from_record(850, 150, 150, 850)
    s, f = long.level_rates()
    assert long.sensitivity == pytest.approx(0.85, abs=0.01)
    assert s.max() - s.min() < 0.08 and f.max() - f.min() < 0.08


def test_the_prior_can_be_the_figures_the_practitioner_was_told() -> None:
    told = TestModel.from_record(prior=PopulationPrior(0.85, 0.15))
    assert told.sensitivity == pytest.approx(0.85, abs=0.02)


def test_a_record_model_is_less_sure_than_a_point_at_the_same_figures() -> None:
    point = TestModel(ALICE.sensitivity, ALICE.false_positive_rate)
    prior = {"quadratus_lumborum:left": 1.0, "iliacus:left": 1.0}
    results = [("quadratus_lumborum:left", True)] * 5
    sure = Posterior.from_prior(prior).observe_all(results, point)
    weighed = Posterior.from_prior(prior).observe_all(results, ALICE)
    assert weighed.probability("quadratus_lumborum:left") != pytest.approx(
        sure.probability("quadratus_lumborum:left"), abs=1e-6
    )
    assert weighed.level_weights().sum() == pytest.approx(1.0)


def test_a_record_model_works_inside_the_per_candidate_mapping() -> None:
    belief = Posterior.from_prior({"a": 1.0, "b": 1.0})
    models = {"a": ALICE, "b": BOB}
    after = belief.observe("a", True, models).observe("b", False, models)
    assert after.probability("a") > 0.5
    choice = next_test(after, models)
    assert choice is not None


def test_a_point_model_and_a_record_model_mix_in_one_belief() -> None:
    belief = Posterior.from_prior({"a": 1.0, "b": 1.0}).observe("a", True, POINT)
    assert belief.observe("b", False, ALICE).log_joint.shape == (LEVELS, 3)  # type: ignore[union-attr]


def test_impossible_counts_and_levels_are_refused() -> None:
    with pytest.raises(InvalidRecord):
        TestModel.from_record(-1, 0, 0, 0)
    with pytest.raises(InvalidRecord):
        TestModel.from_record(True, 0, 0, 0)  # type: ignore[arg-type]
    with pytest.raises(InvalidTestModel, match="from_record"):
        TestModel(0.8, 0.2, ((0.8, 0.2),))


def test_reliability_estimates_give_a_model_with_levels_from_retests_and_outcomes() -> None:
    model = estimate_reliability().model
    assert len(model.levels) == LEVELS
    assert model.sensitivity == pytest.approx(0.75, abs=0.02)


counts = st.integers(0, 60)


@settings(max_examples=40, deadline=None)
@given(
    counts,
    counts,
    counts,
    counts,
    st.lists(st.tuples(st.integers(0, 5), st.booleans()), max_size=15),
)
def test_beliefs_under_record_models_stay_normalized_and_commute(
    a: int, b: int, c: int, d: int, results: list[tuple[int, bool]]
) -> None:
    model = TestModel.from_record(a, b, c, d)
    for s, f in model.levels:
        assert 0 < f < s < 1
    names = [f"c{i}" for i in range(6)]
    belief = Posterior.from_prior({n: 1.0 + i for i, n in enumerate(names)})
    observed = [(names[i], r) for i, r in results]
    one = belief.observe_all(observed, model)
    two = belief.observe_all(list(reversed(observed)), model)
    assert sum(one.as_dict().values()) == pytest.approx(1.0)
    for name in names:
        assert one.probability(name) == pytest.approx(two.probability(name), abs=1e-9)
