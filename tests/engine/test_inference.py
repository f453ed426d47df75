"""Posterior and TestModel: Bayes' rule for noisy challenges.

Dana's left psoas tests weak. Her practitioner, Alice, is a careful tester (s/f 0.85/0.15); the
candidates are her left quadratus lumborum (three times as likely a priori) and left iliacus.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repattern.engine import (
    EngineError,
    InvalidTestModel,
    InvalidWeight,
    Posterior,
    TestModel,
    UnknownCandidate,
)
from repattern.engine.inference import NONE_OF_THESE, information

QL, ILIACUS = "quadratus_lumborum:left", "iliacus:left"
ALICE = TestModel(sensitivity=0.85, false_positive_rate=0.15)

weights = st.dictionaries(
    st.text("abcdefgh", min_size=1, max_size=4),
    st.floats(min_value=1e-6, max_value=1e6),
    min_size=1,
    max_size=12,
)
rates = st.tuples(st.floats(0.01, 0.49), st.floats(0.51, 0.99)).map(
    lambda fs: TestModel(sensitivity=fs[1], false_positive_rate=fs[0])
)
none_shares = st.floats(0.0, 0.9)


def dana() -> Posterior:
    return Posterior.from_prior({QL: 3.0, ILIACUS: 1.0}, none_of_these=0.05)


def test_a_prior_is_normalized_with_the_share_left_to_none_of_these() -> None:
    belief = dana()
    assert belief.probability(QL) == pytest.approx(0.95 * 0.75)
    assert belief.probability(ILIACUS) == pytest.approx(0.95 * 0.25)
    assert belief.none_of_these == pytest.approx(0.05)
    assert belief.top(1) == [(QL, pytest.approx(0.7125))]


def test_a_positive_challenge_follows_bayes_rule_by_hand() -> None:
    belief = dana().observe(QL, positive=True, model=ALICE)
    ql, il, none = 0.7125 * 0.85, 0.2375 * 0.15, 0.05 * 0.15
    total = ql + il + none
    assert belief.probability(QL) == pytest.approx(ql / total)
    assert belief.probability(ILIACUS) == pytest.approx(il / total)
    assert belief.none_of_these == pytest.approx(none / total)


def test_none_of_these_is_updated_like_any_candidate_that_was_not_challenged() -> None:
    belief = dana().observe(QL, positive=False, model=ALICE)
    assert belief.none_of_these / belief.probability(ILIACUS) == pytest.approx(0.05 / 0.2375)


def test_observe_returns_a_new_belief_and_leaves_the_old_one_alone() -> None:
    before = dana()
    after = before.observe(QL, positive=True, model=ALICE)
    assert after is not before
    assert before.probability(QL) == pytest.approx(0.7125)
    assert after.tests == 1


def test_top_lists_candidates_best_first_and_best_can_name_none_of_these() -> None:
    belief = dana().observe_all([(QL, False)] * 4 + [(ILIACUS, False)] * 4, ALICE)
    assert [c for c, _ in belief.top()] == [QL, ILIACUS]
    assert belief.best()[0] == NONE_OF_THESE
    assert belief.confident(0.95) == NONE_OF_THESE


def test_a_mapping_of_models_uses_each_challenges_own_rates() -> None:
    sloppy = TestModel(0.6, 0.4)
    belief = dana().observe(ILIACUS, positive=True, model={QL: ALICE, ILIACUS: sloppy})
    expected = 0.2375 * 0.6 / (0.2375 * 0.6 + 0.7125 * 0.4 + 0.05 * 0.4)
    assert belief.probability(ILIACUS) == pytest.approx(expected)


def test_an_unknown_candidate_raises_unknown_candidate() -> None:
    with pytest.raises(UnknownCandidate, match="psoas_major:right"):
        dana().probability("psoas_major:right")
    with pytest.raises(UnknownCandidate):
        dana().observe("psoas_major:right", positive=True, model=ALICE)
    with pytest.raises(UnknownCandidate, match="No test model"):
        dana().observe(QL, positive=True, model={ILIACUS: ALICE})


@pytest.mark.parametrize("bad", [0.0, -1.0, math.inf, math.nan, "3", True])
def test_a_weight_that_is_not_finite_and_positive_raises_invalid_weight(bad: object) -> None:
    with pytest.raises(InvalidWeight):
        Posterior.from_prior({QL: bad, ILIACUS: 1.0})  # type: ignore[dict-item]


@pytest.mark.parametrize("bad", [-0.1, 1.0, math.nan])
def test_a_none_of_these_share_outside_zero_to_one_raises_invalid_weight(bad: float) -> None:
    with pytest.raises(InvalidWeight):
        Posterior.from_prior({QL: 1.0}, none_of_these=bad)


def test_an_empty_prior_raises_invalid_weight() -> None:
    with pytest.raises(InvalidWeight):
        Posterior.from_prior({})


@pytest.mark.parametrize(
    ("s", "f"), [(0.5, 0.5), (0.4, 0.6), (1.0, 0.1), (0.9, 0.0), (math.nan, 0.1), (0.9, -0.1)]
)
def test_rates_outside_zero_fpr_sensitivity_one_raise_invalid_test_model(
    s: float, f: float
) -> None:
    with pytest.raises(InvalidTestModel):
        TestModel(sensitivity=s, false_positive_rate=f)


def test_every_named_error_is_an_engine_error() -> None:
    for error in (InvalidTestModel, InvalidWeight, UnknownCandidate):
        assert issubclass(error, EngineError)
    assert issubclass(UnknownCandidate, KeyError)
    assert issubclass(InvalidWeight, ValueError)


@pytest.mark.parametrize(
    ("s", "f", "bits"), [(0.9, 0.05, 0.62), (0.85, 0.15, 0.39), (0.75, 0.25, 0.19)]
)
def test_capacity_matches_the_domain_figures(s: float, f: float, bits: float) -> None:
    model = TestModel(s, f)
    assert model.capacity == pytest.approx(bits, abs=0.005)
    grid = np.linspace(0.001, 0.999, 9999)
    assert model.capacity == pytest.approx(float(information(grid, s, f).max()), abs=1e-6)


def test_a_long_run_of_negatives_stays_finite_and_normalized() -> None:
    belief = dana().observe_all([(QL, False), (ILIACUS, False)] * 2000, ALICE)
    assert math.isfinite(belief.probability(QL))
    assert sum(belief.as_dict().values()) == pytest.approx(1.0)
    assert belief.none_of_these == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(
    weights, none_shares, rates, st.lists(st.tuples(st.integers(0, 11), st.booleans()), max_size=30)
)
def test_posteriors_stay_normalized(
    prior: dict[str, float], none: float, model: TestModel, results: list[tuple[int, bool]]
) -> None:
    names = list(prior)
    belief = Posterior.from_prior(prior, none_of_these=none)
    belief = belief.observe_all([(names[i % len(names)], r) for i, r in results], model)
    p = np.array(list(belief.as_dict().values()))
    assert np.all(p >= 0)
    assert p.sum() == pytest.approx(1.0)


@settings(max_examples=80, deadline=None)
@given(weights, none_shares, rates, st.integers(0, 11))
def test_a_positive_result_never_lowers_the_tested_candidate(
    prior: dict[str, float], none: float, model: TestModel, pick: int
) -> None:
    names = list(prior)
    candidate = names[pick % len(names)]
    belief = Posterior.from_prior(prior, none_of_these=none)
    after = belief.observe(candidate, positive=True, model=model)
    assert after.probability(candidate) >= belief.probability(candidate) * (1 - 1e-12)


@settings(max_examples=60, deadline=None)
@given(
    weights,
    rates,
    st.lists(st.tuples(st.integers(0, 11), st.booleans()), max_size=20),
    st.randoms(use_true_random=False),
)
def test_the_order_of_independent_observations_does_not_change_the_posterior(
    prior: dict[str, float], model: TestModel, results: list[tuple[int, bool]], random: object
) -> None:
    names = list(prior)
    observations = [(names[i % len(names)], r) for i, r in results]
    shuffled = list(observations)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    belief = Posterior.from_prior(prior)
    one, two = belief.observe_all(observations, model), belief.observe_all(shuffled, model)
    for name in [*names, NONE_OF_THESE]:
        assert one.as_dict()[name] == pytest.approx(two.as_dict()[name], abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True).filter(lambda w: not 0 < w < math.inf))
def test_bad_weights_raise_the_named_error(weight: float) -> None:
    with pytest.raises(InvalidWeight):
        Posterior.from_prior({QL: 1.0, ILIACUS: weight})


@settings(max_examples=60, deadline=None)
@given(st.floats(allow_nan=True), st.floats(allow_nan=True))
def test_bad_rates_raise_the_named_error(s: float, f: float) -> None:
    if 0 < f < s < 1:
        assert TestModel(s, f).sensitivity == s
    else:
        with pytest.raises(InvalidTestModel):
            TestModel(s, f)
