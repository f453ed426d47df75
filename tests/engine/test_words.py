"""Percentages in the engine's words: whole where they can be, never across the stop threshold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from repattern.engine.words import listing, percent


@pytest.mark.parametrize(
    ("p", "shown"),
    [
        (0.948, "94.8%"),
        (0.9499, "94.99%"),
        (0.95, "95%"),
        (0.953, "95%"),
        (0.7125, "71%"),
        (0.9935, "99%"),
        (0.999, "over 99%"),
        (1.0, "100%"),
        (0.004, "under 1%"),
        (0.0, "0%"),
    ],
)
def test_a_percentage_reads_on_the_right_side_of_the_threshold(p: float, shown: str) -> None:
    assert percent(p, 0.95) == shown


@given(st.floats(0.0, 1.0), st.floats(0.5, 0.999))
def test_a_percentage_never_contradicts_the_threshold(p: float, threshold: float) -> None:
    text = percent(p, threshold)
    if text == "under 1%":
        assert p < 0.01
        return
    if text == "over 99%":
        assert 0.995 <= p < 1 and threshold <= 0.99
        return
    value = float(text.rstrip("%")) / 100
    assert (value >= threshold) == (p >= threshold)
    assert abs(value - p) <= 0.01


def test_lists_read_as_a_sentence() -> None:
    assert listing(["a"]) == "a"
    assert listing(["a", "none_of_these"]) == "a and 'none of these'"
    assert listing(["a", "b", "c"]) == "a, b and c"
