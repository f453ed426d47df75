"""The shipped atlas: it validates, it is complete enough to use, and lookups explain misses."""

from __future__ import annotations

import pytest

from repattern.engine.atlas import (
    DATA_DIR,
    Atlas,
    CheckReport,
    Muscle,
    Structure,
    check_data,
    load_atlas,
)
from repattern.engine.atlas.movements import ACTIONS, JOINTS
from repattern.engine.errors import AtlasError, EngineError, UnknownStructure
from repattern.engine.vocabulary import CONDITIONS, REGIONS, ids


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas()


def test_the_shipped_data_passes_check_data() -> None:
    report = check_data()
    assert report.errors == []
    assert report.ok


def test_the_shipped_atlas_holds_at_least_150_muscles_and_8_structures(atlas: Atlas) -> None:
    report = check_data()
    assert report.counts["muscles"] == len(atlas.muscles) >= 150
    assert report.counts["structures"] == len(atlas.structures) >= 8
    assert report.counts["relations"] == len(atlas.relations)
    assert report.counts["conditions"] == len(CONDITIONS)


def test_the_method_s_non_muscular_compensators_are_all_there(atlas: Atlas) -> None:
    kinds = {s.kind for s in atlas.structures.values()}
    assert {"scar", "jaw", "diaphragm", "pelvic_floor", "gaze", "fascia"} <= kinds
    assert atlas.structures["scar"].client_specific


def test_every_structure_says_how_it_is_challenged_and_released(atlas: Atlas) -> None:
    for structure in atlas.structures.values():
        assert structure.challenge and structure.release and structure.sources


def test_every_muscle_has_its_test_release_activation_and_vocabulary_actions(atlas: Atlas) -> None:
    for muscle in atlas.muscles.values():
        assert muscle.test.position and muscle.test.holds
        assert muscle.release and muscle.activation
        assert muscle.region in ids(REGIONS)
        assert all(a.joint in JOINTS and a.action in ACTIONS for a in muscle.actions)


def test_every_entry_has_a_home_release_the_client_does_alone(atlas: Atlas) -> None:
    entries = [*atlas.muscles.values(), *atlas.structures.values()]
    for entry in entries:
        assert entry.home_release and entry.home_release != entry.release, entry.id
        assert "practitioner" not in entry.home_release.lower(), entry.id
    for muscle in atlas.muscles.values():
        if muscle.home_activation is not None:
            assert muscle.home_activation != muscle.activation, muscle.id
            assert "practitioner" not in muscle.home_activation.lower(), muscle.id


def test_an_activation_resisted_by_the_practitioner_has_a_home_version(atlas: Atlas) -> None:
    for muscle in atlas.muscles.values():
        if "practitioner" in muscle.activation.lower():
            assert muscle.home_activation, muscle.id


def test_every_relation_has_a_source_and_an_evidence_level(atlas: Atlas) -> None:
    for relation in atlas.relations:
        assert relation.evidence in ("anatomical", "reported")
        assert relation.source in atlas.sources
        assert relation.reason


def test_every_condition_in_the_vocabulary_is_mapped_with_a_source(atlas: Atlas) -> None:
    for term in CONDITIONS:
        condition = atlas.condition(term.id)
        assert condition.name == term.label
        assert condition.examined and condition.source in atlas.sources
        assert all(atlas.get(entry_id) for entry_id in condition.examined)


def test_low_back_pain_examines_the_psoas_and_the_scar(atlas: Atlas) -> None:
    examined = atlas.condition("low_back_pain").examined
    assert "psoas_major" in examined and "scar" in examined


def test_an_unknown_condition_is_an_atlas_error(atlas: Atlas) -> None:
    with pytest.raises(AtlasError, match="not a condition"):
        atlas.condition("gout")


def test_get_returns_muscles_and_structures(atlas: Atlas) -> None:
    assert isinstance(atlas.get("psoas_major"), Muscle)
    assert isinstance(atlas.get("diaphragm"), Structure)


def test_an_unknown_id_raises_unknown_structure_with_a_suggestion(atlas: Atlas) -> None:
    with pytest.raises(UnknownStructure) as caught:
        atlas.get("psoas")
    assert isinstance(caught.value, KeyError) and isinstance(caught.value, EngineError)
    assert "'psoas' is not a muscle or structure" in str(caught.value)
    assert "psoas_major" in str(caught.value)


def test_passing_a_site_to_get_says_to_pass_its_entry_id(atlas: Atlas) -> None:
    with pytest.raises(UnknownStructure, match=r"looks like a site.*'psoas_major'"):
        atlas.get("psoas_major:left")


def test_relations_for_an_unknown_id_raises_unknown_structure(atlas: Atlas) -> None:
    with pytest.raises(UnknownStructure):
        atlas.relations_for("not_a_muscle")


def test_the_shipped_atlas_is_cached_and_a_folder_is_read_afresh() -> None:
    assert load_atlas() is load_atlas()
    assert load_atlas(DATA_DIR) is not load_atlas(DATA_DIR)


def test_the_report_prints_the_counts_then_one_line_per_error() -> None:
    report = CheckReport(
        ["sources.yaml:3: gray1918: url: bad"],
        {"muscles": 2, "structures": 1, "relations": 4, "conditions": 0},
    )
    lines = report.format().splitlines()
    assert lines[:4] == ["muscles: 2", "structures: 1", "relations: 4", "conditions: 0"]
    assert lines[-1] == "sources.yaml:3: gray1918: url: bad"
    assert not report.ok


def test_every_entry_has_a_window_text_shorter_than_its_full_technique(atlas: Atlas) -> None:
    from repattern.engine.atlas.schema import WINDOW_TEXT_MAX

    for entry in [*atlas.muscles.values(), *atlas.structures.values()]:
        assert len(entry.window_release) <= WINDOW_TEXT_MAX, entry.id
        assert len(entry.window_release) < len(entry.release), entry.id
        if entry.activation:
            assert entry.window_activation, entry.id
            assert len(entry.window_activation) <= WINDOW_TEXT_MAX, entry.id
    for muscle in atlas.muscles.values():
        assert muscle.window_activation and len(muscle.window_activation) <= len(
            muscle.activation
        ), muscle.id
