"""Clinic charts: Olivia, who owns Northside Clinic, uploads the relations her clinic works with.

A valid chart joins Northside's atlas as `clinic` relations; a chart with any problem is
rejected whole, listing every problem by line and field so she can fix it in one pass.
"""

from __future__ import annotations

import pytest

from repattern.engine.atlas import Atlas, load_atlas, parse_clinic_chart
from repattern.engine.errors import AtlasError, ChartError, ChartProblem

NORTHSIDE_CSV = """\
inhibited,facilitated,kind,note,source
psoas_major,quadratus_lumborum,reported,Seen most weeks,Northside chart 2024
Gluteus medius,TFL,synergist,,
scm,scalene_anterior,reported,"Often after whiplash, on the other side",
"""

NORTHSIDE_YAML = """\
relations:
  - inhibited: longus_colli
    facilitated: jaw_tmj
    kind: reported
    note: Clients who grind their teeth
  - inhibited: rectus_abdominis
    facilitated: scar
    kind: reported
    same_side: no
"""


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas()


def problems(text: str, filename: str, atlas: Atlas) -> list[ChartProblem]:
    with pytest.raises(ChartError) as caught:
        parse_clinic_chart(text, filename, atlas)
    assert isinstance(caught.value, AtlasError)
    return caught.value.errors


def test_a_valid_csv_chart_becomes_clinic_relations(atlas: Atlas) -> None:
    relations = parse_clinic_chart(NORTHSIDE_CSV, "northside.csv", atlas)
    assert [(r.inhibited, r.facilitated, r.kind) for r in relations] == [
        ("psoas_major", "quadratus_lumborum", "reported"),
        ("gluteus_medius", "tensor_fasciae_latae", "synergist"),
        ("sternocleidomastoid", "scalene_anterior", "reported"),
    ]
    assert all(r.evidence == "clinic" for r in relations)
    assert relations[0].source == "Northside chart 2024"
    assert relations[0].reason == "Seen most weeks"
    assert relations[1].source == "clinic chart northside.csv"


def test_a_valid_yaml_chart_becomes_clinic_relations(atlas: Atlas) -> None:
    relations = parse_clinic_chart(NORTHSIDE_YAML, "northside.yaml", atlas)
    assert [(r.inhibited, r.facilitated, r.same_side) for r in relations] == [
        ("longus_colli", "jaw_tmj", True),
        ("rectus_abdominis", "scar", False),
    ]
    assert all(r.evidence == "clinic" for r in relations)


def test_a_chart_joins_northside_s_atlas_and_nobody_else_s(atlas: Atlas) -> None:
    northside = atlas.with_clinic_relations(
        parse_clinic_chart(NORTHSIDE_CSV, "northside.csv", atlas)
    )
    clinic = [r for r in northside.relations_for("psoas_major") if r.evidence == "clinic"]
    assert [r.facilitated for r in clinic] == ["quadratus_lumborum"]
    assert not [r for r in atlas.relations_for("psoas_major") if r.evidence == "clinic"]
    assert "charted by the clinic" in northside.explain(clinic[0])


def test_a_chart_with_several_errors_lists_every_one_by_line_and_field(atlas: Atlas) -> None:
    chart = """\
inhibited,facilitated,kind,note
psoaz,quadratus_lumborum,reported,
psoas_major,quadratus_lumborum,enemy,
,iliacus,synergist,
psoas_major,psoas_major,reported,
iliacus,psoas_major
psoas_major,hamstring,reported,
"""
    found = {(p.line, p.field) for p in problems(chart, "broken.csv", atlas)}
    assert found == {
        (2, "inhibited"),
        (3, "kind"),
        (4, "inhibited"),
        (5, "facilitated"),
        (6, "row"),
        (7, "facilitated"),
    }


def test_each_problem_says_what_to_write_instead(atlas: Atlas) -> None:
    chart = "inhibited,facilitated,kind\npsoaz,quadratus_lumborum,enemy\n"
    messages = {p.field: p.message for p in problems(chart, "broken.csv", atlas)}
    assert "did you mean 'psoas_major'?" in messages["inhibited"]
    assert "use synergist, antagonist, reported" in messages["kind"]


def test_an_alias_shared_by_several_muscles_asks_for_the_id(atlas: Atlas) -> None:
    chart = "inhibited,facilitated,kind\ngluteus_maximus,hamstrings,reported\n"
    [problem] = problems(chart, "chart.csv", atlas)
    assert "could mean" in problem.message and "write the id" in problem.message


def test_a_repeated_pair_points_at_its_first_line(atlas: Atlas) -> None:
    chart = (
        "inhibited,facilitated,kind\npsoas_major,quadratus_lumborum,reported\n"
        "psoas major,QL,reported\n"
    )
    [problem] = problems(chart, "chart.csv", atlas)
    assert (problem.line, problem.field) == (3, "facilitated")
    assert "line 2" in problem.message


def test_an_empty_file_is_rejected(atlas: Atlas) -> None:
    [problem] = problems("  \n", "empty.csv", atlas)
    assert (problem.line, problem.field) == (1, "file")
    assert "empty" in problem.message


def test_a_header_without_relations_is_rejected(atlas: Atlas) -> None:
    [problem] = problems("inhibited,facilitated,kind\n", "chart.csv", atlas)
    assert "holds no relations" in problem.message


def test_a_wrong_header_names_the_unknown_and_missing_columns(atlas: Atlas) -> None:
    chart = "weak,facilitated,type\npsoas_major,quadratus_lumborum,reported\n"
    found = {p.field: p.message for p in problems(chart, "chart.csv", atlas)}
    assert set(found) == {"weak", "type", "inhibited", "kind"}
    assert "is not a chart column" in found["weak"]
    assert "column is missing" in found["kind"]


def test_yaml_problems_point_at_the_field_s_own_line(atlas: Atlas) -> None:
    chart = """\
- inhibited: psoas_major
  facilitated: quadratus_lumborum
  kind: friend
- inhibited: iliacus
  facilitated: nothing_here
  kind: synergist
  colour: red
"""
    found = {(p.line, p.field) for p in problems(chart, "chart.yaml", atlas)}
    assert found == {(3, "kind"), (5, "facilitated"), (7, "colour")}


def test_broken_yaml_gives_yaml_s_line(atlas: Atlas) -> None:
    chart = "- inhibited: psoas_major\n  facilitated: [unclosed\n"
    [problem] = problems(chart, "chart.yaml", atlas)
    assert problem.field == "yaml" and problem.line >= 2


def test_a_chart_that_is_neither_csv_nor_yaml_is_rejected(atlas: Atlas) -> None:
    [problem] = problems("inhibited,facilitated,kind\n", "chart.xlsx", atlas)
    assert "neither .csv nor .yaml" in problem.message


def test_the_rejection_message_lists_every_problem(atlas: Atlas) -> None:
    chart = "inhibited,facilitated,kind\npsoaz,x,enemy\n"
    with pytest.raises(ChartError) as caught:
        parse_clinic_chart(chart, "broken.csv", atlas)
    text = str(caught.value)
    assert text.startswith("broken.csv was not imported (3 problem(s)):")
    assert "broken.csv:2: kind:" in text
