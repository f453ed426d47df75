"""The episode simulator the benchmark and these tests share.

Each simulated client has a known compensator; the world answers challenges with its own
sensitivity and false-positive rate.
"""

from __future__ import annotations

import numpy as np
import pytest

from repattern.bench.engine.simulate import (
    CHART_ORDER,
    Rates,
    dirichlet_priors,
    draw_truth,
    simulate,
)
from repattern.engine import Posterior, TestModel, UnknownPolicy, next_test

CAREFUL = TestModel(0.85, 0.15)


def clients(
    seed: int, episodes: int, n: int, alpha: float, unlisted: float = 0.05
) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    priors = dirichlet_priors(rng, episodes, n, alpha)
    return priors, draw_truth(rng, priors, unlisted)


def test_the_same_seed_gives_the_same_episodes() -> None:
    priors, truth = clients(1, 300, 10, 1.0)
    one = simulate(priors, truth, CAREFUL, np.random.default_rng(5))
    two = simulate(priors, truth, CAREFUL, np.random.default_rng(5))
    assert np.array_equal(one.tests, two.tests) and np.array_equal(one.named, two.named)


def test_truths_follow_the_prior_and_the_unlisted_share() -> None:
    priors = np.tile([0.7, 0.2, 0.1], (20000, 1))
    truth = draw_truth(np.random.default_rng(2), priors, unlisted=0.1)
    shares = np.bincount(truth, minlength=4) / len(truth)
    assert shares == pytest.approx([0.63, 0.18, 0.09, 0.1], abs=0.015)


def test_chart_order_reproduces_todays_practice_figure() -> None:
    # DOMAIN.md: about 54% right at N=20, 0.85/0.15 (priors here: Dirichlet(0.5)).
    priors, truth = clients(3, 4000, 20, 0.5)
    chart = simulate(priors, truth, CAREFUL, np.random.default_rng(4), policy=CHART_ORDER)
    assert chart.correct.mean() == pytest.approx(0.54, abs=0.03)


def test_with_the_right_model_the_engine_is_right_when_it_is_sure() -> None:
    priors, truth = clients(5, 2000, 10, 1.0)
    run = simulate(priors, truth, CAREFUL, np.random.default_rng(6))
    assert run.confident.mean() > 0.99
    assert run.correct[run.confident].mean() > 0.93


def test_a_window_ends_every_episode_within_its_tests() -> None:
    priors, truth = clients(7, 500, 20, 1.0)
    run = simulate(priors, truth, CAREFUL, np.random.default_rng(8), budget=6, window=6)
    assert run.tests.max() <= 6
    assert np.array_equal(run.named, run.named_in_window)


def test_an_episode_makes_the_same_choices_as_the_public_next_test() -> None:
    priors = np.array([[0.5, 0.3, 0.15, 0.05]])
    truth = np.array([1])
    run = simulate(priors, truth, CAREFUL, np.random.default_rng(9), budget=12, window=12)
    # Replay with next_test: the answers come from the same generator in the same order.
    rng = np.random.default_rng(9)
    belief = Posterior.from_prior({str(i): float(w) for i, w in enumerate(priors[0])})
    tests, left = 0, 12
    while (choice := next_test(belief, CAREFUL, budget=left)) is not None:
        held = rng.random(1)[0] < (0.85 if choice.candidate == "1" else 0.15)
        belief, tests, left = (
            belief.observe(choice.candidate, bool(held), CAREFUL),
            tests + 1,
            left - 1,
        )
    assert run.tests[0] == tests
    assert str(run.named[0]) == belief.best()[0]


def test_costs_add_up_per_episode() -> None:
    priors, truth = clients(10, 200, 5, 1.0)
    costs = np.full(priors.shape, 2.0)
    run = simulate(priors, truth, Rates.of(CAREFUL), np.random.default_rng(11), costs=costs)
    assert np.array_equal(run.cost, 2.0 * run.tests)


def test_an_unknown_policy_raises_unknown_policy() -> None:
    priors, truth = clients(12, 10, 5, 1.0)
    with pytest.raises(UnknownPolicy):
        simulate(priors, truth, CAREFUL, np.random.default_rng(0), policy="coin_toss")
