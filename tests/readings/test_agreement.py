"""The agreement statistics, checked by hand and against Shrout and Fleiss (1979)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repattern.readings.agreement import bland_altman, icc, kappa_of_pairs, repeatability

# Shrout and Fleiss (1979), table 2: six targets rated by four judges.
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]


def test_icc_2_1_matches_the_published_example():
    assert icc(SHROUT_FLEISS, "2,1").estimate == pytest.approx(0.29, abs=0.005)


def test_icc_3_1_matches_the_published_example():
    assert icc(SHROUT_FLEISS, "3,1").estimate == pytest.approx(0.71, abs=0.005)


def test_the_intervals_hold_the_estimate_and_match_the_usual_software():
    # The same intervals as R's psych::ICC and pingouin give for this table.
    two = icc(SHROUT_FLEISS, "2,1")
    three = icc(SHROUT_FLEISS, "3,1")
    assert (two.low, two.high) == pytest.approx((0.02, 0.76), abs=0.005)
    assert (three.low, three.high) == pytest.approx((0.34, 0.95), abs=0.005)


def test_kappa_of_a_worked_table():
    # 20 both hold, 10 both weak, 5 each way apart: po 0.75, pe 0.53125, kappa 0.4667.
    pairs = [(True, True)] * 20 + [(False, False)] * 10 + [(True, False)] * 5 + [(False, True)] * 5
    result = kappa_of_pairs(pairs)
    assert result.pairs == 40
    assert result.agreement.estimate == pytest.approx(0.75)
    assert result.kappa.estimate == pytest.approx(0.21875 / 0.46875)
    assert result.pabak.estimate == pytest.approx(0.5)
    assert result.kappa.low < result.kappa.estimate < result.kappa.high


def test_kappa_is_undefined_when_every_result_was_the_same_but_pabak_is_not():
    result = kappa_of_pairs([(True, True)] * 8)
    assert math.isnan(result.kappa.estimate)
    assert result.kappa.low is None
    assert result.pabak.estimate == 1.0


def test_the_sem_and_mdc_of_a_worked_table():
    # Two trials on three subjects, trial two always 2 N higher except one: hand-worked ANOVA.
    table = [[100.0, 102.0], [120.0, 122.0], [140.0, 140.0]]
    result = repeatability(table, "3,1")
    # Residual sum of squares: differences 2, 2, 0 around their mean 4/3 -> 8/3 / 2 = 4/3;
    # mean square error = (4/3) / ((3 - 1)(2 - 1)) = 2/3.
    assert result.sem == pytest.approx(math.sqrt(2 / 3))
    assert result.mdc95 == pytest.approx(1.959964 * math.sqrt(2) * math.sqrt(2 / 3), rel=1e-5)
    assert result.limits.bias.estimate == pytest.approx(4 / 3)


def test_bland_altman_limits_are_bias_plus_or_minus_1_96_sd():
    limits = bland_altman([10.0, 20.0, 30.0, 40.0], [11.0, 19.0, 33.0, 41.0])
    diffs = np.array([1.0, -1.0, 3.0, 1.0])
    sd = diffs.std(ddof=1)
    assert limits.bias.estimate == pytest.approx(1.0)
    assert limits.lower.estimate == pytest.approx(1.0 - 1.959964 * sd, rel=1e-5)
    assert limits.upper.estimate == pytest.approx(1.0 + 1.959964 * sd, rel=1e-5)


def test_an_icc_refuses_a_table_with_a_missing_measurement():
    with pytest.raises(ValueError, match="every rater"):
        icc([[1.0, float("nan")], [2.0, 3.0]], "2,1")


results = st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=60)


@settings(deadline=None)  # a shared machine is slow at times; speed is not the point
@given(results)
def test_kappa_and_pabak_lie_between_minus_one_and_one(pairs):
    result = kappa_of_pairs(pairs)
    for value in (result.kappa, result.pabak):
        if not math.isnan(value.estimate):
            assert -1.0 - 1e-9 <= value.estimate <= 1.0 + 1e-9
            if value.low is not None and value.high is not None:
                assert -1.0 - 1e-9 <= value.low <= value.high <= 1.0 + 1e-9
    assert 0.0 <= result.agreement.estimate <= 1.0


forces = st.lists(
    st.floats(min_value=10, max_value=800, allow_nan=False), min_size=2, max_size=20, unique=True
)


@settings(max_examples=50, deadline=None)
@given(forces, st.integers(min_value=2, max_value=4))
def test_raters_who_agree_exactly_have_an_icc_of_one(values, raters):
    table = [[v] * raters for v in values]
    for form in ("2,1", "3,1"):
        assert icc(table, form).estimate == pytest.approx(1.0)
    assert repeatability(table, "3,1").mdc95 == pytest.approx(0.0, abs=1e-6)


@settings(max_examples=50, deadline=None)
@given(forces, st.floats(min_value=-50, max_value=50))
def test_a_constant_offset_lowers_absolute_agreement_but_not_consistency(values, offset):
    table = [[v, v + offset] for v in values]
    assert icc(table, "3,1").estimate == pytest.approx(1.0)
    assert icc(table, "2,1").estimate <= 1.0 + 1e-9
