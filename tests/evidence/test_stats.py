"""The dashboard's figures, checked against values worked by hand."""

from __future__ import annotations

import pytest

from repattern.evidence.stats import (
    Figures,
    bootstrap_mean,
    standardized_response_mean,
    wilson,
)


def test_eight_responders_of_ten_have_the_wilson_interval_worked_by_hand() -> None:
    # centre (0.8 + 1.96²/20) / (1 + 1.96²/10) = 0.71677; half-width
    # 1.96 * sqrt(0.8 * 0.2 / 10 + 1.96² / 400) / (1 + 1.96² / 10) = 0.22658
    low, high = wilson(8, 10)  # type: ignore[misc]
    assert low == pytest.approx(0.49016, abs=1e-4)
    assert high == pytest.approx(0.94335, abs=1e-4)


def test_no_responders_still_have_an_upper_bound_above_zero() -> None:
    low, high = wilson(0, 10)  # type: ignore[misc]
    assert low == pytest.approx(0.0, abs=1e-12)
    assert high == pytest.approx(0.27753, abs=1e-4)  # 3.8416 / 13.8416


def test_too_few_episodes_give_no_interval() -> None:
    assert wilson(3, 4) is None
    assert bootstrap_mean([1.0, 2.0, 3.0, 4.0]) is None


def test_the_standardized_response_mean_is_mean_change_over_its_spread() -> None:
    # mean 3, sample standard deviation sqrt(10 / 4) = 1.5811
    assert standardized_response_mean([1, 2, 3, 4, 5]) == pytest.approx(1.89737, abs=1e-4)


def test_no_spread_or_one_change_gives_no_standardized_response_mean() -> None:
    assert standardized_response_mean([2, 2, 2]) is None
    assert standardized_response_mean([2]) is None


def test_identical_changes_bootstrap_to_themselves() -> None:
    assert bootstrap_mean([3.0] * 6) == (3.0, 3.0)


def test_the_bootstrap_is_seeded_and_brackets_the_mean() -> None:
    values = [float(v) for v in range(1, 11)]
    first = bootstrap_mean(values)
    assert first == bootstrap_mean(values)
    assert first is not None
    low, high = first
    assert 1.0 < low < 5.5 < high < 10.0


def test_episodes_without_a_discharge_measure_are_counted_as_missing() -> None:
    figures = Figures(
        episodes=10,
        completed=6,
        responders=3,
        changes=(1, 2, 3, 4, 5, 6),
        non_responders=3,
        referred=1,
    )
    assert figures.missing == 4
    assert figures.completion == pytest.approx(0.6)
    assert figures.responder_share == pytest.approx(0.5)
    assert figures.mean_change == pytest.approx(3.5)
    assert figures.enough


def test_half_and_half_bootstraps_close_to_the_normal_interval_worked_by_hand() -> None:
    # 50 zeros and 50 ones: mean 0.5, standard error sqrt(0.25 / 100) = 0.05, so about
    # 0.5 ± 1.96 * 0.05 = 0.402 to 0.598.
    low, high = bootstrap_mean([0.0] * 50 + [1.0] * 50)  # type: ignore[misc]
    assert low == pytest.approx(0.402, abs=0.02)
    assert high == pytest.approx(0.598, abs=0.02)
