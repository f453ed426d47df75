"""The prior share of "none of these", learned from a clinic's own corrected patterns.

Northside Clinic has corrected 400 patterns; in 60 of them the practitioner had to add the
compensator, because the engine had not listed it. Southside Clinic opened this month.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from repattern.engine import NONE_SHARE, InvalidRecord, Posterior, learned_none_share


def test_a_new_clinic_starts_at_the_default_share() -> None:
    assert learned_none_share(on_list=0, added=0) == pytest.approx(NONE_SHARE)


def test_a_long_record_takes_over_from_the_default() -> None:
    northside = learned_none_share(on_list=340, added=60)
    assert northside == pytest.approx(61 / 420)
    assert Posterior.from_prior({"a": 1.0}, none_of_these=northside).none_of_these == pytest.approx(
        northside
    )


def test_a_few_patterns_move_the_share_only_a_little() -> None:
    assert learned_none_share(on_list=0, added=2) < 0.15


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_the_share_is_a_probability_that_grows_with_added_compensators(
    on_list: int, added: int
) -> None:
    share = learned_none_share(on_list, added)
    assert 0 < share < 1
    assert learned_none_share(on_list, added + 1) > share


@pytest.mark.parametrize("bad", [-1, 1.5, True, "3"])
def test_counts_that_cannot_be_real_raise_invalid_record(bad: object) -> None:
    with pytest.raises(InvalidRecord):
        learned_none_share(bad, 0)  # type: ignore[arg-type]
