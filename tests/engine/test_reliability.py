"""A practitioner's own sensitivity and false-positive rate, from their record.

Alice has practised for years: hundreds of challenges with a confirmed outcome. Bob started last
week and has none, so the engine uses typical figures for him until his record grows.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repattern.engine import (
    ConfirmedCounts,
    EngineError,
    InvalidRecord,
    RetestPair,
    TestModel,
    estimate_reliability,
)
from repattern.engine.reliability import PopulationPrior


def test_a_new_practitioner_starts_at_the_population_figures() -> None:
    bob = estimate_reliability()
    assert bob.model.sensitivity == pytest.approx(0.75, abs=0.02)
    assert bob.model.false_positive_rate == pytest.approx(0.25, abs=0.02)
    assert bob.sensitivity.high - bob.sensitivity.low > 0.3


def test_a_long_record_takes_over_from_the_population_figures() -> None:
    alice = estimate_reliability(ConfirmedCounts(850, 1000, 600, 4000))
    assert alice.model.sensitivity == pytest.approx(0.85, abs=0.01)
    assert alice.model.false_positive_rate == pytest.approx(0.15, abs=0.01)
    assert alice.sensitivity.low < 0.85 < alice.sensitivity.high
    assert alice.sensitivity.high - alice.sensitivity.low < 0.06


def test_the_estimate_is_shrunk_toward_the_population_when_the_record_is_short() -> None:
    perfect_start = estimate_reliability(ConfirmedCounts(5, 5, 0, 5))
    assert 0.75 < perfect_start.model.sensitivity < 0.95
    assert 0.05 < perfect_start.model.false_positive_rate < 0.25


def test_blinded_retests_alone_inform_the_estimate() -> None:
    rng = np.random.default_rng(7)
    pairs = []
    for _ in range(400):
        rate = 0.9 if rng.random() < 0.5 else 0.1
        pairs.append(RetestPair(bool(rng.random() < rate), bool(rng.random() < rate), 0.5))
    carol = estimate_reliability(retests=pairs)
    assert carol.model.sensitivity > 0.8
    assert carol.model.false_positive_rate < 0.15
    assert carol.retest_pairs == 400


def test_counts_can_be_built_from_plain_records() -> None:
    counts = ConfirmedCounts.from_records(
        [(True, True), (True, False), (False, True), (False, False), (False, False)]
    )
    assert counts == ConfirmedCounts(1, 2, 1, 3)


def test_the_explanation_quotes_the_figures_and_what_they_rest_on() -> None:
    words = estimate_reliability(ConfirmedCounts(34, 40, 30, 200)).explain()
    assert "the weak muscle holds about 83 times in 100" in words
    assert "240 challenges" in words and "95% sure" in words


def test_the_explanation_speaks_plainly() -> None:
    words = estimate_reliability(ConfirmedCounts(34, 40, 30, 200)).explain().lower()
    for jargon in ("sensitivity", "false-positive", "interval", "posterior", "bits", "entropy"):
        assert jargon not in words


@pytest.mark.parametrize("counts", [(3, 2, 0, 0), (-1, 2, 0, 0), (0, 0, 1.5, 2), (0, 0, True, 2)])
def test_impossible_counts_raise_invalid_record(counts: tuple[int, int, int, int]) -> None:
    with pytest.raises(InvalidRecord):
        ConfirmedCounts(*counts)


def test_bad_priors_and_levels_raise_engine_errors() -> None:
    with pytest.raises(EngineError):
        PopulationPrior(sensitivity=0.2, false_positive_rate=0.3)
    with pytest.raises(InvalidRecord):
        PopulationPrior(weight=0.0)
    with pytest.raises(InvalidRecord):
        estimate_reliability(level=1.0)
    with pytest.raises(InvalidRecord):
        RetestPair(True, False, prior=1.5)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 300), st.integers(0, 300), st.integers(0, 300), st.integers(0, 300))
def test_every_estimate_is_a_valid_test_model_with_its_mean_inside_the_interval(
    a: int, b: int, c: int, d: int
) -> None:
    result = estimate_reliability(ConfirmedCounts(min(a, b), max(a, b), min(c, d), max(c, d)))
    model = result.model
    assert isinstance(model, TestModel)
    assert 0 < model.false_positive_rate < model.sensitivity < 1
    for estimate in (result.sensitivity, result.false_positive_rate):
        assert estimate.low <= estimate.mean <= estimate.high
