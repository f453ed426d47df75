"""Sites: a muscle or structure on one side of this client's body; scars carry their region.

Maria, Alice's client, has an appendectomy scar low on the right of her abdomen: its site is
"scar:lower_abdomen:right".
"""

from __future__ import annotations

import pytest

from repattern.engine.atlas import Atlas, Site, load_atlas, parse_site
from repattern.engine.errors import InvalidSite, UnknownStructure


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas()


def test_a_site_is_an_entry_and_a_side() -> None:
    site = parse_site("psoas_major:left")
    assert site == Site("psoas_major", "left")
    assert str(site) == "psoas_major:left"


def test_maria_s_scar_is_placed_by_region_and_side(atlas: Atlas) -> None:
    site = atlas.site("scar:lower_abdomen:right")
    assert site == Site("scar", "right", "lower_abdomen")
    assert str(site) == "scar:lower_abdomen:right"


@pytest.mark.parametrize(
    "text",
    ["psoas_major", "psoas_major:up", "psoas_major:both", ":left", "scar:elbows:left", "a:b:c:d"],
)
def test_a_malformed_site_is_refused(text: str) -> None:
    with pytest.raises(InvalidSite):
        parse_site(text)


def test_a_midline_only_structure_has_no_left_site(atlas: Atlas) -> None:
    with pytest.raises(InvalidSite, match="no left site"):
        atlas.site("pelvic_floor:left")
    assert atlas.site("pelvic_floor:midline") == Site("pelvic_floor", "midline")


def test_a_scar_needs_its_region_and_a_muscle_takes_none(atlas: Atlas) -> None:
    with pytest.raises(InvalidSite, match="placed with its region"):
        atlas.site("scar:right")
    with pytest.raises(InvalidSite, match="only a client-specific"):
        atlas.site("psoas_major:lower_back:left")


def test_a_site_of_an_unknown_entry_is_unknown(atlas: Atlas) -> None:
    with pytest.raises(UnknownStructure):
        atlas.site("psoaz:left")
