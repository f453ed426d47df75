"""Candidate compensators with their prior weights and the reasons behind them.

Dana's left psoas tests weak. She has an appendectomy scar on the right lower abdomen (2005), an
old left ankle sprain, clenches her jaw and was intubated for surgery. Northside Clinic has
confirmed her left quadratus lumborum pattern in other clients seven times.
"""

from __future__ import annotations

import pytest

from repattern.engine import ClientHistory, InvalidWeight, rank_candidates
from repattern.engine.atlas import Atlas, load_atlas
from repattern.engine.candidates import (
    CONFIRMED_WEIGHT,
    NEIGHBOURS,
    RELATION_WEIGHTS,
    Candidate,
    absolute_site,
    clinic_counts,
    relative_site,
)
from repattern.engine.errors import EngineError
from repattern.engine.vocabulary import REGIONS, ids

PSOAS = "psoas_major:left"
DANA = ClientHistory(
    scars=(("lower_abdomen", "right", 2005, "Appendectomy scar"),),
    injuries=(("sprain", "ankle", "left"),),
    jaw_clenching=True,
    intubation=True,
)


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas()


def by_site(candidates: list[Candidate]) -> dict[str, Candidate]:
    return {c.site: c for c in candidates}


def test_every_weight_is_the_sum_of_its_reasons(atlas: Atlas) -> None:
    for candidate in rank_candidates(atlas, PSOAS, DANA, {"quadratus_lumborum:same": 7}):
        assert candidate.weight == pytest.approx(sum(r.weight for r in candidate.reasons))
        assert candidate.weight > 0
        assert candidate.reasons
        for reason in candidate.reasons:
            assert reason.kind in {"anatomy", "reported", "history", "clinic"}
            assert reason.text and reason.source and reason.evidence


def test_candidates_come_highest_weight_first_and_never_include_the_inhibited_site(
    atlas: Atlas,
) -> None:
    ranked = rank_candidates(atlas, PSOAS)
    weights = [c.weight for c in ranked]
    assert weights == sorted(weights, reverse=True)
    assert PSOAS not in by_site(ranked)


def test_a_reported_pair_weighs_more_than_a_synergist_and_a_synergist_more_than_an_antagonist(
    atlas: Atlas,
) -> None:
    assert (
        RELATION_WEIGHTS["reported", "reported"]
        > RELATION_WEIGHTS["synergist", "anatomical"]
        > RELATION_WEIGHTS["antagonist", "anatomical"]
    )
    ql = by_site(rank_candidates(atlas, PSOAS))["quadratus_lumborum:left"]
    assert {r.kind for r in ql.reasons} >= {"anatomy", "reported"}
    assert ql.reasons[0].text.startswith("Quadratus lumborum")


def test_the_clients_scar_near_the_region_becomes_a_candidate(atlas: Atlas) -> None:
    scar = by_site(rank_candidates(atlas, PSOAS, DANA))["scar:lower_abdomen:right"]
    assert any("Appendectomy scar" in r.text for r in scar.reasons)
    far = by_site(rank_candidates(atlas, "tibialis_anterior:left", DANA))
    assert far["scar:lower_abdomen:right"].weight < scar.weight


def test_an_old_injury_is_placed_with_its_region_and_side(atlas: Atlas) -> None:
    near = by_site(rank_candidates(atlas, "tibialis_anterior:left", DANA))
    assert (
        near["injury_site:ankle:left"].weight
        > by_site(rank_candidates(atlas, PSOAS, DANA))["injury_site:ankle:left"].weight
    )


def test_jaw_clenching_raises_the_jaw_and_intubation_the_throat(atlas: Atlas) -> None:
    plain = by_site(rank_candidates(atlas, "sternocleidomastoid:left"))
    dana = by_site(rank_candidates(atlas, "sternocleidomastoid:left", DANA))
    jaw = [s for s in dana if s.startswith("jaw_tmj:")]
    assert jaw and all(dana[s].weight > plain.get(s, Candidate(s, 0.0, ())).weight for s in jaw)
    assert "hyoid_throat:midline" in dana
    assert any("intubated" in r.text for r in dana["hyoid_throat:midline"].reasons)


def test_the_clinics_confirmed_patterns_add_one_each_and_say_so(atlas: Atlas) -> None:
    before = by_site(rank_candidates(atlas, PSOAS))["quadratus_lumborum:left"]
    after = by_site(rank_candidates(atlas, PSOAS, None, {"quadratus_lumborum:same": 7}))
    ql = after["quadratus_lumborum:left"]
    assert ql.weight == pytest.approx(before.weight + 7 * CONFIRMED_WEIGHT)
    assert any(r.kind == "clinic" and "7 times" in r.text for r in ql.reasons)


def test_a_pattern_only_the_clinic_has_seen_becomes_a_candidate(atlas: Atlas) -> None:
    ranked = by_site(rank_candidates(atlas, PSOAS, None, {"plantar_fascia:other": 2}))
    assert ranked["plantar_fascia:right"].weight == pytest.approx(2 * CONFIRMED_WEIGHT)


def test_counts_are_keyed_relative_to_the_inhibited_side() -> None:
    confirmed = [
        ("psoas_major:left", "quadratus_lumborum:left"),
        ("psoas_major:right", "quadratus_lumborum:right"),
        ("psoas_major:right", "external_oblique:left"),
        ("psoas_major:left", "diaphragm:midline"),
        ("gluteus_maximus:left", "quadratus_lumborum:left"),
    ]
    assert clinic_counts(confirmed, "psoas_major") == {
        "quadratus_lumborum:same": 2,
        "external_oblique:other": 1,
        "diaphragm:midline": 1,
    }
    for site in ("scar:lower_abdomen:right", "iliacus:left", "diaphragm:midline"):
        assert absolute_site(relative_site(site, "left"), "left") == site


@pytest.mark.parametrize("count", [-1, 1.5, True])
def test_a_count_that_is_not_a_whole_number_raises_invalid_weight(
    atlas: Atlas, count: object
) -> None:
    with pytest.raises(InvalidWeight):
        rank_candidates(atlas, PSOAS, None, {"quadratus_lumborum:same": count})  # type: ignore


def test_a_bad_inhibited_site_raises_an_engine_error(atlas: Atlas) -> None:
    for site in ("psoas_major", "psoas_major:up", "no_such_muscle:left"):
        with pytest.raises(EngineError):
            rank_candidates(atlas, site)


def test_the_explanation_decomposes_the_weight(atlas: Atlas) -> None:
    ql = by_site(rank_candidates(atlas, PSOAS))["quadratus_lumborum:left"]
    assert ql.explain().startswith(f"quadratus_lumborum:left: weight {ql.weight:g} = ")


def test_neighbouring_regions_are_symmetric_and_use_the_vocabulary() -> None:
    assert set(NEIGHBOURS) == ids(REGIONS)
    for region, near in NEIGHBOURS.items():
        assert near <= ids(REGIONS)
        assert all(region in NEIGHBOURS[other] for other in near)
