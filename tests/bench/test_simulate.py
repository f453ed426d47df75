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
    partition_regions,
    random_regions,
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


def test_an_episode_with_regions_makes_the_same_choices_as_the_public_next_test() -> None:
    priors = np.array([[0.3, 0.25, 0.2, 0.1, 0.1, 0.05]])
    regions = np.array([[[1, 1, 0, 0, 0, 0], [0, 1, 1, 1, 0, 0], [0, 0, 0, 1, 1, 1]]], dtype=bool)
    truth = np.array([2])
    record = TestModel.from_record(17, 3, 9, 41)
    run = simulate(
        priors, truth, CAREFUL, np.random.default_rng(13), engine=record, regions=regions, budget=12
    )
    names = [str(i) for i in range(6)]
    contacts = {f"r{r}": tuple(names[i] for i in np.flatnonzero(regions[0, r])) for r in range(3)}
    rng = np.random.default_rng(13)
    belief = Posterior.from_prior(dict(zip(names, (float(w) for w in priors[0]), strict=True)))
    tests, left, used = 0, 12, 0
    while (choice := next_test(belief, record, budget=left, regions=contacts)) is not None:
        held = rng.random(1)[0] < (0.85 if "2" in choice.candidates else 0.15)
        challenged = choice.candidates if choice.region else choice.candidates[0]
        belief = belief.observe(challenged, bool(held), record)
        tests, left, used = tests + 1, left - 1, used + (choice.region is not None)
    assert run.tests[0] == tests and run.regions_used[0] == used
    assert used > 0
    assert str(run.named[0]) == belief.best()[0] or (
        run.named[0] == 6 and belief.best()[0] == "none_of_these"
    )


def test_region_challenges_answer_for_the_compensator_anywhere_under_the_contact() -> None:
    priors, truth = clients(14, 3000, 20, 0.5)
    regions = random_regions(np.random.default_rng(15), 3000, 20, 10, 3, 6)
    with_regions = simulate(priors, truth, CAREFUL, np.random.default_rng(16), regions=regions)
    alone = simulate(priors, truth, CAREFUL, np.random.default_rng(16))
    assert with_regions.regions_used.mean() > 1
    assert with_regions.tests.mean() < alone.tests.mean()
    assert with_regions.correct[with_regions.confident].mean() > 0.95


def test_a_partition_splits_the_candidates_into_disjoint_regions() -> None:
    regions = partition_regions(np.random.default_rng(17), 50, 10, 4)
    assert regions.shape == (50, 3, 10)
    assert np.array_equal(regions.sum(axis=1), np.ones((50, 10)))


def test_the_share_for_none_of_these_may_differ_per_client() -> None:
    priors, truth = clients(18, 400, 5, 1.0, unlisted=1.0)
    shares = np.where(np.arange(400) % 2 == 0, 0.01, 0.3)
    run = simulate(priors, truth, CAREFUL, np.random.default_rng(19), none_of_these=shares)
    assert run.false_confident.mean() < 0.05


def test_when_the_compensator_is_not_listed_the_engine_rarely_names_one() -> None:
    priors, truth = clients(20, 2000, 10, 1.0, unlisted=1.0)
    run = simulate(priors, truth, CAREFUL, np.random.default_rng(21))
    assert run.false_confident.mean() < 0.05
    assert (run.confident & (run.named == 10)).mean() > 0.9
