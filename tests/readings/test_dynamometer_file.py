"""A dynamometer's file is read whole or refused whole, with every problem by line and column."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from repattern.engine.atlas import load_atlas
from repattern.readings.dynamometer import (
    MAX_BYTES,
    MAX_ROWS,
    DynamometerFileError,
    parse_readings,
)

DAY = date(2026, 11, 30)
GOOD = (
    "Muscle,Side,Peak Force (N),Time,Trial,Device serial\n"
    "gluteus medius,left,182.5,14:05:10,1,HD-7\n"
    "Glute med,L,176,14:05:40,2,HD-7\n"
    "psoas_major,right,210.3,2026-11-30T14:07:02,,HD-7\n"
)


def problems(data: bytes) -> list[str]:
    with pytest.raises(DynamometerFileError) as refused:
        parse_readings(data, load_atlas(), DAY)
    return [str(p) for p in refused.value.problems]


def test_a_good_file_gives_every_reading_matched_to_the_atlas(settings):
    readings = parse_readings(GOOD.encode(), load_atlas(), DAY)
    assert [(r.muscle, r.side, r.newtons, r.trial) for r in readings] == [
        ("gluteus_medius", "left", Decimal("182.5"), 1),
        ("gluteus_medius", "left", Decimal("176.0"), 2),
        ("psoas_major", "right", Decimal("210.3"), None),
    ]
    assert readings[0].taken_at is not None and readings[0].taken_at.date() == DAY


def test_a_byte_order_mark_and_a_decimal_comma_are_read(settings):
    data = '\ufeffmuscle,side,force_n\npsoas,right,"98,5"\n'
    (reading,) = parse_readings(data.encode(), load_atlas(), DAY)
    assert reading.newtons == Decimal("98.5")


def test_missing_columns_are_named(settings):
    found = problems(b"muscle,trial\npsoas,1\n")
    assert any("side: column is missing" in p for p in found)
    assert any("newtons: column is missing" in p for p in found)


def test_every_bad_cell_is_listed_by_line_and_column(settings):
    data = (
        b"muscle,side,peak_force_n,time,trial\n"
        b"psoas,left,abc,14:00,1\n"
        b"psoaz major,middle,-3,25:99,zero\n"
        b"gluteus_medius,right,2500,,\n"
    )
    found = problems(data)
    assert "line 2, newtons: 'abc' is not a number of newtons" in found
    assert any(p.startswith("line 3, muscle:") and "did you mean 'psoas_major'" in p for p in found)
    assert any(p.startswith("line 3, side:") for p in found)
    assert any(p.startswith("line 3, newtons:") for p in found)
    assert any(p.startswith("line 3, time:") for p in found)
    assert any(p.startswith("line 3, trial:") for p in found)
    assert any(p.startswith("line 4, newtons:") and "outside" in p for p in found)


def test_a_file_that_is_not_utf8_is_refused_with_the_line_of_the_bad_byte(settings):
    found = problems(b"muscle,side,force\npsoas,left,100\nfl\xe9chisseur,left,90\n")
    assert found == [
        "line 3, file: is not UTF-8 text; export it from the dynamometer's software as CSV (UTF-8)"
    ]


def test_a_huge_file_is_refused_before_it_is_read(settings):
    found = problems(b"muscle,side,force\n" + b"psoas,left,100\n" * (MAX_BYTES // 10))
    assert len(found) == 1 and "larger than" in found[0]


def test_too_many_rows_are_refused(settings):
    found = problems(b"muscle,side,force\n" + b"psoas,left,100\n" * (MAX_ROWS + 1))
    assert any("more than" in p for p in found)


def test_an_empty_file_or_a_header_alone_is_refused(settings):
    assert "is empty" in problems(b"  \n")[0]
    assert "holds no readings" in problems(b"muscle,side,force\n")[0]


def test_a_force_that_rounds_to_nothing_is_refused(settings):
    assert "rounds to 0.0 N" in problems(b"muscle,side,force\npsoas,left,1e-5\n")[0]


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_bytes_give_readings_or_a_list_of_problems_never_a_crash(data):
    header = b"muscle,side,peak_force_n,time,trial\n"
    for attempt in (data, header + data):
        try:
            readings = parse_readings(attempt, load_atlas(), DAY)
        except DynamometerFileError as refused:
            assert refused.problems
        else:
            assert all(Decimal("0.1") <= r.newtons <= Decimal("2000") for r in readings)
