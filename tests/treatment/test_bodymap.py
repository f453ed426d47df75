"""The session body map: Maria's inhibited and facilitated sites, pain areas and scars.

Maria, Alice's client, tested weak in her left psoas, which her left quadratus lumborum had
taken over; she has an appendectomy scar low on the right of her abdomen and rates her low
back pain 7/10.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from repattern.engine.atlas import Atlas, load_atlas
from repattern.engine.errors import UnknownStructure
from repattern.engine.vocabulary import REGIONS, SIDES, ids
from repattern.treatment.bodymap import (
    CENTRE,
    HEIGHT,
    REGION_SPOTS,
    WIDTH,
    BodyMark,
    InvalidMark,
    marks_for_site,
    place,
    render_body_map,
)

SVG = "{http://www.w3.org/2000/svg}"

PSOAS = BodyMark("lower_back", "left", "inhibited", "Psoas major, left — inhibited")
QL = BodyMark("lower_back", "left", "facilitated", "Quadratus lumborum, left — facilitated")
SCAR = BodyMark("lower_abdomen", "right", "scar", "Appendectomy scar, right lower abdomen")
PAIN = BodyMark("lower_back", "both", "pain", "Low back pain, both sides, 7/10", intensity=7)
MARIA = [PSOAS, QL, SCAR, PAIN]


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas()


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def mark_groups(root: ET.Element, kind: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == f"mark mark-{kind}"]


def positions(group: ET.Element) -> list[tuple[str, float, float]]:
    found = []
    for g in group.findall(f"{SVG}g"):
        match = re.fullmatch(r"translate\(([-\d.]+) ([-\d.]+)\)", g.get("transform", ""))
        assert match, g.get("transform")
        found.append((g.get("data-view", ""), float(match[1]), float(match[2])))
    return found


def test_every_region_has_a_place_for_every_side() -> None:
    assert set(REGION_SPOTS) == ids(REGIONS)
    for region in ids(REGIONS):
        for side in ids(SIDES):
            points = place(region, side)
            assert points, (region, side)
            for p in points:
                assert 0 < p.x < WIDTH and 0 < p.y < HEIGHT, (region, side, p)


def test_a_region_seen_from_front_and_back_is_marked_in_both_views() -> None:
    assert {p.view for p in place("knee", "left")} == {"front", "back"}
    assert {p.view for p in place("calf", "left")} == {"back"}
    assert {p.view for p in place("jaw", "left")} == {"front"}


def test_a_both_sides_mark_is_drawn_on_each_side() -> None:
    front = [p.x for p in place("knee", "both") if p.view == "front"]
    assert sorted(front) == [
        CENTRE["front"] - REGION_SPOTS["knee"].dx,
        CENTRE["front"] + REGION_SPOTS["knee"].dx,
    ]


def test_a_midline_mark_sits_on_the_midline_where_the_region_has_one() -> None:
    assert [p.x for p in place("chest", "midline")] == [CENTRE["front"]]
    assert len(place("hand", "midline")) == len(place("hand", "both"))


def test_the_map_is_well_formed_svg_that_scales_to_its_container() -> None:
    root = parse(render_body_map(MARIA))
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "100%"
    assert root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"
    assert root.get("role") == "img"
    texts = {t.text for t in root.iter(f"{SVG}text")}
    assert {"Front", "Back", "Inhibited", "Facilitated", "Pain", "Scar"} <= texts


def test_the_title_and_description_label_the_image() -> None:
    root = parse(render_body_map(MARIA, title="Maria, session 3"))
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert title.text == "Maria, session 3"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_the_description_lists_every_mark_in_words() -> None:
    desc = parse(render_body_map(MARIA)).find(f"{SVG}desc")
    assert desc is not None and desc.text
    for mark in MARIA:
        assert mark.label in desc.text
    assert "Inhibited" in desc.text and "Scars" in desc.text


def test_an_empty_map_says_nothing_is_marked() -> None:
    desc = parse(render_body_map([])).find(f"{SVG}desc")
    assert desc is not None and "nothing is marked" in (desc.text or "")


def test_inhibited_and_facilitated_differ_in_colour_and_in_shape() -> None:
    root = parse(render_body_map([PSOAS, QL]))
    (inhibited,), (facilitated,) = mark_groups(root, "inhibited"), mark_groups(root, "facilitated")
    a = inhibited.find(f"{SVG}g/*")
    b = facilitated.find(f"{SVG}g/*")
    assert a is not None and b is not None
    assert a.tag != b.tag
    assert a.get("fill") != b.get("fill")


def test_sites_sharing_a_region_do_not_hide_each_other() -> None:
    root = parse(render_body_map([PSOAS, QL]))
    (a,) = positions(mark_groups(root, "inhibited")[0])
    (b,) = positions(mark_groups(root, "facilitated")[0])
    assert a != b


def test_a_left_mark_is_on_the_viewer_s_right_in_front_and_left_from_behind() -> None:
    knee = BodyMark("knee", "left", "inhibited", "Left knee")
    (group,) = mark_groups(parse(render_body_map([knee])), "inhibited")
    placed = dict((view, x) for view, x, _ in positions(group))
    assert placed["front"] > CENTRE["front"]
    assert placed["back"] < CENTRE["back"]


def test_every_mark_has_hover_text() -> None:
    root = parse(render_body_map(MARIA))
    groups = [g for g in root.iter(f"{SVG}g") if (g.get("class") or "").startswith("mark ")]
    assert len(groups) == len(MARIA)
    assert {g.findtext(f"{SVG}title") for g in groups} == {m.label for m in MARIA}


def test_script_in_a_label_or_title_is_escaped() -> None:
    evil = BodyMark("hand", "right", "scar", '<script>alert("x")</script> & more')
    svg = render_body_map([evil], title="<b>Body</b> map")
    assert "<script>" not in svg and "<b>" not in svg
    root = parse(svg)
    assert root.findtext(f"{SVG}title") == "<b>Body</b> map"
    (group,) = mark_groups(root, "scar")
    assert group.findtext(f"{SVG}title") == evil.label


def test_the_pain_halo_grows_with_intensity() -> None:
    def radius(intensity: int) -> float:
        mark = BodyMark("knee", "left", "pain", "Knee pain", intensity=intensity)
        (group,) = mark_groups(parse(render_body_map([mark])), "pain")
        circle = group.find(f"{SVG}g/{SVG}circle")
        assert circle is not None
        return float(circle.get("r", "0"))

    assert radius(1) < radius(4) < radius(9)


def test_a_mark_outside_the_vocabulary_is_refused() -> None:
    with pytest.raises(InvalidMark):
        BodyMark("elbows", "left", "pain", "x")
    with pytest.raises(InvalidMark):
        BodyMark("knee", "up", "pain", "x")
    with pytest.raises(InvalidMark):
        BodyMark("knee", "left", "sore", "x")  # type: ignore[arg-type]
    with pytest.raises(InvalidMark):
        BodyMark("knee", "left", "pain", "x", intensity=11)


def test_a_muscle_site_marks_its_region_on_its_side(atlas: Atlas) -> None:
    marks = marks_for_site("psoas_major:left", "inhibited", PSOAS.label, atlas)
    assert marks == [
        BodyMark(atlas.get("psoas_major").regions[0], "left", "inhibited", PSOAS.label)
    ]


def test_a_structure_in_several_regions_marks_each(atlas: Atlas) -> None:
    marks = marks_for_site("diaphragm:midline", "facilitated", "Diaphragm", atlas)
    assert [m.region for m in marks] == atlas.get("diaphragm").regions
    assert len(marks) > 1
    assert {m.side for m in marks} == {"midline"}


def test_maria_s_scar_site_is_marked_at_its_own_region(atlas: Atlas) -> None:
    marks = marks_for_site("scar:lower_abdomen:right", "scar", SCAR.label, atlas)
    assert marks == [SCAR]


def test_an_unknown_entry_raises_unknown_structure(atlas: Atlas) -> None:
    with pytest.raises(UnknownStructure):
        marks_for_site("psoaz:left", "inhibited", "?", atlas)
