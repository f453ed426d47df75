"""Searching the atlas by name, alias, region, action, joint and nerve root."""

from __future__ import annotations

import pytest

from repattern.engine.atlas import Atlas, Muscle, load_atlas
from repattern.engine.atlas.search import normalize_root
from repattern.engine.errors import AtlasError


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas()


def found(atlas: Atlas, **query: str) -> list[str]:
    return [entry.id for entry in atlas.search(**query)]


def test_an_alias_finds_its_muscle_first(atlas: Atlas) -> None:
    assert found(atlas, text="psoas")[0] == "psoas_major"
    assert found(atlas, text="SCM")[0] == "sternocleidomastoid"


def test_an_exact_name_ranks_before_names_that_start_with_it(atlas: Atlas) -> None:
    results = found(atlas, text="Gluteus maximus")
    assert results[0] == "gluteus_maximus"
    assert {"gluteus_maximus_upper", "gluteus_maximus_lower"} <= set(results[1:])


def test_a_prefix_ranks_before_a_substring(atlas: Atlas) -> None:
    results = found(atlas, text="pectoralis")
    starts = [i for i, e in enumerate(results) if e.startswith("pectoralis")]
    assert starts == list(range(len(starts)))


def test_a_word_inside_a_name_is_found(atlas: Atlas) -> None:
    assert "psoas_major" in found(atlas, text="major")


def test_structures_are_found_by_name_and_alias(atlas: Atlas) -> None:
    assert found(atlas, text="tmj")[0] == "jaw_tmj"
    assert found(atlas, text="it band")[0] == "iliotibial_band"


def test_the_region_filter_keeps_that_region_and_placeable_structures(atlas: Atlas) -> None:
    results = atlas.search(region="lower_back")
    assert "quadratus_lumborum" in [e.id for e in results]
    assert all("lower_back" in e.regions or e.client_specific for e in results)


def test_joint_and_action_together_mean_that_action_at_that_joint(atlas: Atlas) -> None:
    results = atlas.search(joint="hip", action="flexion")
    assert {"psoas_major", "iliacus", "rectus_femoris"} <= {e.id for e in results}
    for entry in results:
        assert isinstance(entry, Muscle)
        assert any(a.joint == "hip" and a.action == "flexion" for a in entry.actions)


def test_the_root_filter_reads_roots_written_loosely(atlas: Atlas) -> None:
    results = atlas.search(root="l4")
    assert "tibialis_anterior" in [e.id for e in results]
    assert all(isinstance(e, Muscle) and "L4" in e.innervation.roots for e in results)
    assert normalize_root("cn 11") == normalize_root("CN XI") == "CN XI"


def test_text_and_filters_combine(atlas: Atlas) -> None:
    assert found(atlas, text="scalene", root="C4", region="neck_front")[0].startswith("scalene")
    assert found(atlas, text="psoas", region="foot") == []


def test_an_empty_search_lists_everything_by_name(atlas: Atlas) -> None:
    results = atlas.search()
    assert len(results) == len(atlas.muscles) + len(atlas.structures)
    names = [e.name.lower() for e in results]
    assert names == sorted(names)


def test_an_unknown_filter_value_is_an_atlas_error_with_a_suggestion(atlas: Atlas) -> None:
    with pytest.raises(AtlasError, match="did you mean 'hip'"):
        atlas.search(region="hipp")
    with pytest.raises(AtlasError, match="not a nerve root"):
        atlas.search(root="L9")


@pytest.mark.parametrize("typed", ["C5", "c5", " c 5 "])
def test_a_root_typed_in_the_name_box_finds_the_muscles_it_supplies(
    atlas: Atlas, typed: str
) -> None:
    results = atlas.search(text=typed)
    names = [e.name for e in results]
    assert "Deltoid" in names or any(n.startswith("Deltoid") for n in names)
    assert all(isinstance(e, Muscle) and "C5" in e.innervation.roots for e in results)
    assert results == atlas.search(root="C5")


def test_a_cranial_nerve_typed_in_the_name_box_finds_its_muscles(atlas: Atlas) -> None:
    names = [e.name for e in atlas.search(text="CN XI")]
    assert names and any("trapezius" in n.lower() for n in names)


@pytest.mark.parametrize("typed", ["C9", "cn", "L", "six"])
def test_text_that_is_not_a_root_is_searched_as_a_name(atlas: Atlas, typed: str) -> None:
    assert atlas.search(text=typed) != atlas.search(root="C5")
