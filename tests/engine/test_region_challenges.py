"""Region challenges: one contact over several candidates, held if the compensator is any.

Dana's left psoas tests weak after a caesarean section. Alice can lay a hand over Dana's right
lower abdomen, which covers the scar, the rectus abdominis and the external oblique at once.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repattern.engine import (
    InvalidCandidate,
    InvalidCost,
    Posterior,
    TestModel,
    UnknownCandidate,
    UnknownRegion,
    next_test,
)
from repattern.engine.policies import Regions, choose

ALICE = TestModel(0.85, 0.15)
SCAR, RECTUS, OBLIQUE = (
    "scar:lower_abdomen:right",
    "rectus_abdominis:right",
    "external_oblique:right",
)
QL, ILIACUS = "quadratus_lumborum:left", "iliacus:left"
LOWER_ABDOMEN = {"right lower abdomen": (SCAR, RECTUS, OBLIQUE)}


def dana() -> Posterior:
    return Posterior.from_prior({SCAR: 2.0, RECTUS: 1.0, OBLIQUE: 1.0, QL: 3.0, ILIACUS: 1.0})


def test_a_region_challenge_moves_every_member_together() -> None:
    before = dana()
    after = before.observe((SCAR, RECTUS, OBLIQUE), positive=True, model=ALICE)
    for member in (SCAR, RECTUS, OBLIQUE):
        ratio = after.probability(member) / before.probability(member)
        assert ratio == pytest.approx(after.probability(SCAR) / before.probability(SCAR))
    inside = before.probability(SCAR) + before.probability(RECTUS) + before.probability(OBLIQUE)
    expected = inside * 0.85 / (inside * 0.85 + (1 - inside) * 0.15)
    together = after.probability(SCAR) + after.probability(RECTUS) + after.probability(OBLIQUE)
    assert together == pytest.approx(expected)
    assert after.tests == 1


def test_a_weak_region_lowers_its_members_and_raises_the_rest() -> None:
    after = dana().observe((SCAR, RECTUS, OBLIQUE), positive=False, model=ALICE)
    assert after.probability(SCAR) < dana().probability(SCAR)
    assert after.probability(QL) > dana().probability(QL)
    assert after.none_of_these > dana().none_of_these


def test_a_region_of_one_is_a_single_challenge() -> None:
    one = dana().observe((QL,), positive=True, model=ALICE)
    single = dana().observe(QL, positive=True, model=ALICE)
    assert one.as_dict() == pytest.approx(single.as_dict())


def test_an_empty_region_or_an_unknown_member_is_refused() -> None:
    with pytest.raises(InvalidCandidate):
        dana().observe((), positive=True, model=ALICE)
    with pytest.raises(UnknownCandidate, match="psoas_minor"):
        dana().observe((SCAR, "psoas_minor:left"), positive=True, model=ALICE)


def test_the_engine_suggests_the_region_with_its_members_when_it_tells_the_most() -> None:
    choice = next_test(dana(), ALICE, budget=12, regions=LOWER_ABDOMEN)
    assert choice is not None
    assert choice.region == "right lower abdomen"
    assert choice.candidate is None
    assert choice.candidates == (SCAR, RECTUS, OBLIQUE)
    assert choice.probability == pytest.approx(0.95 * 4 / 8)
    assert "right lower abdomen" in choice.reason and "under one contact" in choice.reason


def test_a_single_challenge_is_suggested_with_its_one_candidate_in_candidates() -> None:
    choice = next_test(dana(), ALICE, budget=12)
    assert choice is not None and choice.region is None
    assert choice.candidates == (choice.candidate,)


def test_then_it_narrows_inside_the_region() -> None:
    belief = dana().observe_all([((SCAR, RECTUS, OBLIQUE), True)] * 3, ALICE)
    choice = next_test(belief, ALICE, budget=9, regions=LOWER_ABDOMEN)
    assert choice is not None and choice.candidate in (SCAR, RECTUS, OBLIQUE)


def test_the_practitioner_can_always_challenge_a_single_structure_instead() -> None:
    belief = dana().observe((SCAR, RECTUS, OBLIQUE), True, ALICE).observe(QL, True, ALICE)
    assert belief.tests == 2


def test_a_region_test_model_of_its_own_is_used_for_region_challenges() -> None:
    clumsy = TestModel(0.6, 0.4)
    sharp = next_test(dana(), ALICE, budget=12, regions=LOWER_ABDOMEN)
    vague = next_test(dana(), ALICE, budget=12, regions=LOWER_ABDOMEN, region_model=clumsy)
    assert sharp is not None and sharp.region is not None
    assert vague is not None and vague.region is None


def test_region_models_may_be_given_per_region_by_name() -> None:
    by_name = {"right lower abdomen": ALICE}
    choice = next_test(dana(), ALICE, budget=12, regions=LOWER_ABDOMEN, region_model=by_name)
    assert choice is not None and choice.region == "right lower abdomen"
    with pytest.raises(UnknownRegion, match="right lower abdomen"):
        next_test(dana(), ALICE, regions=LOWER_ABDOMEN, region_model={"flank": ALICE})


def test_a_region_can_cost_more_than_a_single_challenge() -> None:
    costly = next_test(
        dana(), ALICE, budget=12, regions=LOWER_ABDOMEN, costs={"right lower abdomen": 9.0}
    )
    assert costly is not None and costly.region is None
    with pytest.raises(InvalidCost):
        next_test(dana(), ALICE, regions=LOWER_ABDOMEN, costs={"right lower abdomen": 0.0})


def test_regions_must_cover_known_candidates() -> None:
    with pytest.raises(UnknownCandidate):
        next_test(dana(), ALICE, regions={"flank": (QL, "psoas_minor:left")})
    with pytest.raises(InvalidCandidate):
        next_test(dana(), ALICE, regions={"flank": ()})


@settings(max_examples=30, deadline=None)
@given(
    st.integers(3, 20),
    st.integers(2, 6),
    st.integers(1, 5),
    st.one_of(st.none(), st.integers(1, 12)),
    st.integers(0, 2**31),
)
def test_a_batch_of_beliefs_with_regions_gets_the_same_choices_as_one_at_a_time(
    n: int, rows: int, count: int, budget: int | None, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    p = rng.dirichlet(np.ones(n + 1), size=rows)
    s, f = rng.uniform(0.6, 0.95, (rows, n)), rng.uniform(0.05, 0.4, (rows, n))
    members = (rng.random((rows, count, n)) < 0.3).astype(float)
    rs, rf = rng.uniform(0.6, 0.95, (rows, count)), rng.uniform(0.05, 0.4, (rows, count))
    cost = np.ones((rows, n))
    batch, _ = choose(
        "budget_lookahead", p[:, :n], p[:, n], s, f, cost, budget, Regions(members, rs, rf, 1.0)
    )
    single = [
        int(
            choose(
                "budget_lookahead",
                p[r, :n],
                p[r, n],
                s[r],
                f[r],
                cost[r],
                budget,
                Regions(members[r], rs[r], rf[r], 1.0),
            )[0]
        )
        for r in range(rows)
    ]
    assert batch.tolist() == single
