"""Relations: synergists and antagonists derived from actions, reported pairs with sources."""

from __future__ import annotations

from typing import Any

import pytest

from repattern.engine.atlas import Atlas, Relation, Site, load_atlas
from repattern.engine.atlas.relations import derive_relations, shared_source
from repattern.engine.atlas.schema import Muscle
from repattern.engine.errors import UnknownStructure


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas()


def between(atlas: Atlas, a: str, b: str, kind: str, same_side: bool = True) -> Relation:
    found = [
        r
        for r in atlas.relations_for(a)
        if r.other(a) == b and r.kind == kind and r.same_side == same_side
    ]
    assert len(found) == 1, f"{a} {kind} {b}: {found}"
    return found[0]


def muscle(muscle_id: str, *actions: tuple[str, str]) -> Muscle:
    data: dict[str, Any] = {
        "id": muscle_id,
        "name": muscle_id.replace("_", " ").capitalize(),
        "region": "neck_back",
        "origin": "o",
        "insertion": "i",
        "innervation": {"nerve": "n", "roots": ["C3"]},
        "actions": [{"joint": j, "action": a} for j, a in actions],
        "test": {"position": "p", "stabilization": "s", "force": "f", "holds": "h"},
        "release": "r",
        "window_release": "wr",
        "home_release": "hr",
        "activation": "a",
        "window_activation": "wa",
        "sources": ["gray1918"],
    }
    return Muscle.model_validate(data)


def derive(*muscles: Muscle) -> list[Relation]:
    return derive_relations(muscles, shared_source, lambda _source: None)


def test_psoas_major_synergists_include_iliacus_because_both_flex_the_hip(atlas: Atlas) -> None:
    relation = between(atlas, "psoas_major", "iliacus", "synergist")
    assert relation.evidence == "anatomical"
    assert relation.source == "gray1918"
    assert "flex the hip" in relation.reason


def test_psoas_major_is_reported_with_the_same_side_quadratus_lumborum(atlas: Atlas) -> None:
    relation = between(atlas, "psoas_major", "quadratus_lumborum", "reported")
    assert (relation.inhibited, relation.facilitated) == ("psoas_major", "quadratus_lumborum")
    assert relation.evidence == "reported" and relation.same_side
    assert relation.source == "nkt_psoas_page"
    assert relation.url == atlas.sources["nkt_psoas_page"].url


def test_the_domain_s_reported_pairs_all_ship(atlas: Atlas) -> None:
    pairs = {(r.inhibited, r.facilitated) for r in atlas.relations if r.kind == "reported"}
    assert ("sternocleidomastoid", "scalene_anterior") in pairs
    assert ("scalene_anterior", "splenius_capitis") in pairs  # neck flexor, extensor: whiplash
    assert ("rectus_abdominis", "scar") in pairs
    assert ("transversus_abdominis", "scar") in pairs
    assert ("longus_colli", "jaw_tmj") in pairs


def test_the_hip_flexor_and_extensor_are_antagonists_with_each_action_named(atlas: Atlas) -> None:
    relation = between(atlas, "psoas_major", "gluteus_maximus", "antagonist")
    assert "Psoas major flexes the hip" in relation.reason
    assert "Gluteus maximus extends the hip" in relation.reason


def test_one_relation_per_pair_lists_every_shared_action() -> None:
    a = muscle("hip_one", ("hip", "flexion"), ("hip", "lateral_rotation"))
    b = muscle("hip_two", ("hip", "flexion"), ("hip", "lateral_rotation"))
    [relation] = derive(a, b)
    assert relation.kind == "synergist"
    assert relation.reason == "both flex the hip and rotate the hip laterally"


def test_lateral_flexion_on_the_other_side_is_the_antagonist() -> None:
    bender = muscle("side_bender", ("lumbar_spine", "lateral_flexion"))
    other = muscle("other_bender", ("lumbar_spine", "lateral_flexion"))
    relations = {(r.inhibited, r.facilitated, r.kind, r.same_side) for r in derive(bender, other)}
    assert relations == {
        ("other_bender", "side_bender", "synergist", True),
        ("other_bender", "side_bender", "antagonist", False),
        ("side_bender", "side_bender", "antagonist", False),
        ("other_bender", "other_bender", "antagonist", False),
    }


def test_rotators_that_turn_the_same_way_from_opposite_sides_are_synergists() -> None:
    toward = muscle("turns_toward", ("cervical_spine", "ipsilateral_rotation"))
    away = muscle("turns_away", ("cervical_spine", "contralateral_rotation"))
    relations = {
        (r.kind, r.same_side) for r in derive(toward, away) if r.inhibited != r.facilitated
    }
    assert relations == {("synergist", False), ("antagonist", True)}


def test_the_same_rotator_on_the_other_side_is_its_antagonist() -> None:
    [relation] = derive(muscle("turns_toward", ("cervical_spine", "ipsilateral_rotation")))
    assert (relation.inhibited, relation.facilitated, relation.kind, relation.same_side) == (
        "turns_toward",
        "turns_toward",
        "antagonist",
        False,
    )


def test_a_part_of_a_muscle_is_not_related_to_its_whole() -> None:
    whole = muscle("gluteus_medius", ("hip", "abduction"))
    part = muscle("gluteus_medius_anterior", ("hip", "abduction"))
    assert derive(whole, part) == []


def test_the_shipped_sternocleidomastoid_has_its_other_side_as_antagonist(atlas: Atlas) -> None:
    relation = between(
        atlas, "sternocleidomastoid", "sternocleidomastoid", "antagonist", same_side=False
    )
    assert "opposite ways" in relation.reason


def test_relations_for_lists_each_relation_once(atlas: Atlas) -> None:
    relations = atlas.relations_for("quadratus_lumborum")
    assert len(relations) == len(set(relations))
    assert all(r.involves("quadratus_lumborum") for r in relations)


def test_a_clinic_s_relations_join_only_its_own_atlas(atlas: Atlas) -> None:
    chart = Relation(
        "gluteus_medius",
        "tensor_fasciae_latae",
        "reported",
        "reported",
        "Northside chart",
        "seen weekly",
    )
    northside = atlas.with_clinic_relations([chart])
    [joined] = [
        r for r in northside.relations_for("gluteus_medius") if r.source == "Northside chart"
    ]
    assert joined.evidence == "clinic"
    assert not any(r.source == "Northside chart" for r in atlas.relations)
    assert len(northside.relations) == len(atlas.relations) + 1


def test_a_clinic_relation_with_an_unknown_entry_is_refused(atlas: Atlas) -> None:
    with pytest.raises(UnknownStructure):
        atlas.with_clinic_relations(
            [Relation("psoas_major", "gluteus_maximum", "reported", "clinic", "chart")]
        )


def test_a_related_entry_on_the_same_side_sits_on_the_same_side(atlas: Atlas) -> None:
    relation = between(atlas, "psoas_major", "quadratus_lumborum", "reported")
    assert atlas.other_sites(relation, Site("psoas_major", "left")) == [
        Site("quadratus_lumborum", "left")
    ]


def test_a_related_entry_on_the_other_side_sits_on_the_other_side(atlas: Atlas) -> None:
    relation = between(
        atlas, "sternocleidomastoid", "scalene_anterior", "reported", same_side=False
    )
    assert atlas.other_sites(relation, Site("sternocleidomastoid", "right")) == [
        Site("scalene_anterior", "left")
    ]


def test_a_midline_only_related_entry_sits_on_the_midline(atlas: Atlas) -> None:
    relation = between(atlas, "psoas_major", "pelvic_floor", "reported")
    assert atlas.other_sites(relation, Site("psoas_major", "left")) == [
        Site("pelvic_floor", "midline")
    ]


def test_every_relation_explains_itself_with_evidence_and_source(atlas: Atlas) -> None:
    relation = between(atlas, "psoas_major", "quadratus_lumborum", "reported")
    said = atlas.explain(relation)
    assert said.startswith("Quadratus lumborum is reported to take over when Psoas major")
    assert "[reported; Psoas Muscle and its Global Relationships" in said
