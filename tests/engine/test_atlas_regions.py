"""Challengeable regions in the atlas: which sites one contact covers, per side, and the
check-data errors that name the file, line, entry and field of a bad region.

Dana's left psoas tests weak; she has a caesarean scar across her lower abdomen, recorded on
the left. Alice looks for contacts that cover several of the engine's candidates at once.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from repattern.engine import ClientHistory, Posterior, TestModel, contacts_for, next_test
from repattern.engine.atlas import DATA_DIR, check_data, load_atlas
from repattern.engine.atlas.sites import Site
from repattern.engine.candidates import rank_candidates
from repattern.engine.regions import contact_name, covers

ALICE = TestModel(0.85, 0.15)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


def rewrite_regions(data: Path, change: Any) -> None:
    path = data / "regions.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(entries)
    path.write_text(yaml.safe_dump(entries, sort_keys=False), encoding="utf-8")


def region(entries: list[dict[str, Any]], region_id: str) -> dict[str, Any]:
    return next(e for e in entries if e["id"] == region_id)


def test_the_shipped_atlas_lists_overlapping_regions_per_side() -> None:
    atlas = load_atlas()
    assert {"flank", "lower_back", "lower_abdomen", "lower_abdomen_inner"} <= set(atlas.regions)
    flank, back = atlas.regions["flank"], atlas.regions["lower_back"]
    assert "quadratus_lumborum" in flank.covers and "quadratus_lumborum" in back.covers
    assert flank.sides == ["left", "right"]
    assert check_data().counts["regions"] == len(atlas.regions)


def test_a_contact_covers_its_side_and_the_midline_but_not_the_other_side() -> None:
    abdomen = load_atlas().regions["lower_abdomen"]
    assert covers(abdomen, "left", Site("rectus_abdominis", "left"))
    assert not covers(abdomen, "left", Site("rectus_abdominis", "right"))
    assert covers(abdomen, "left", Site("scar", "midline", "lower_abdomen"))
    assert not covers(abdomen, "left", Site("scar", "left", "chest"))
    assert contact_name(abdomen, "left") == "left lower abdomen"


def test_contacts_for_danas_candidates_cover_her_scar_with_the_abdominal_wall() -> None:
    atlas = load_atlas()
    history = ClientHistory(scars=(("lower_abdomen", "left"),))
    candidates = [c.site for c in rank_candidates(atlas, "psoas_major:left", history)]
    found = contacts_for(atlas, candidates)
    assert "scar:lower_abdomen:left" in found["left lower abdomen"]
    assert "quadratus_lumborum:left" in found["left flank"]
    assert "quadratus_lumborum:left" in found["left lower back"]
    assert all(len(members) >= 2 for members in found.values())
    assert len(set(found.values())) == len(found)
    belief = Posterior.from_prior({c: 1.0 for c in candidates})
    assert next_test(belief, ALICE, budget=12, regions=found) is not None


def test_sites_that_are_not_sites_are_covered_by_no_contact() -> None:
    assert contacts_for(load_atlas(), ["my own note", "iliacus:left"]) == {}


def test_an_unknown_covered_entry_names_file_line_entry_and_field(data: Path) -> None:
    rewrite_regions(data, lambda es: region(es, "flank")["covers"].append("quadratus_lumbar"))
    errors = [e for e in check_data(data).errors if ": flank: covers[" in e]
    assert len(errors) == 1
    assert errors[0].startswith("regions.yaml:")
    assert "'quadratus_lumbar' is not a muscle or structure id" in errors[0]


def test_a_missing_contact_and_an_unknown_source_are_named(data: Path) -> None:
    def break_it(entries: list[dict[str, Any]]) -> None:
        del region(entries, "groin")["contact"]
        region(entries, "calf")["sources"].append("grays1918")

    rewrite_regions(data, break_it)
    errors = check_data(data).errors
    assert any(": groin: contact: is missing; add it" in e for e in errors)
    assert any(": calf: sources[" in e and "'grays1918' is not a source id" in e for e in errors)


def test_a_repeated_side_or_cover_is_named(data: Path) -> None:
    rewrite_regions(data, lambda es: region(es, "calf")["covers"].append("soleus"))
    assert any(": calf: covers: " in e and "repeats 'soleus'" in e for e in check_data(data).errors)


def test_a_missing_regions_file_is_named(data: Path) -> None:
    (data / "regions.yaml").unlink()
    assert any(
        e.startswith("regions.yaml: (file): file: is missing") for e in check_data(data).errors
    )
