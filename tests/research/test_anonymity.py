"""k-anonymity: every combination of age band, sex, region and condition that leaves is shared
by at least k clients; the rest are generalized up the ladder or suppressed, and counted."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repattern.research.anonymity import (
    CONDITION_GROUPS,
    LADDER,
    NO_CONDITION,
    Person,
    age_band,
    anonymize,
    written,
)

people = st.lists(
    st.builds(
        Person,
        age=st.integers(0, 105),
        sex=st.sampled_from(["female", "male", "other", "unknown"]),
        region=st.sampled_from(["north", "south"]),
        condition=st.sampled_from([*CONDITION_GROUPS, NO_CONDITION]),
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(people, st.integers(1, 8))
def test_every_combination_that_leaves_is_shared_by_at_least_k_clients(group, k):
    result = anonymize(group, k)
    kept = [combo for combo in result.combinations if combo is not None]
    assert all(n >= k for n in Counter(kept).values())
    assert result.suppressed == len(group) - len(kept)
    unchanged = sum(
        1
        for person, combo in zip(group, result.combinations, strict=True)
        if combo == written(person, LADDER[0])
    )
    assert unchanged + result.generalized + result.suppressed == len(group)


def test_five_alike_clients_leave_as_they_are():
    alike = [Person(33, "female", "north", "neck_pain")] * 5
    result = anonymize(alike, 5)
    assert result.combinations == [("30-34", "female", "north", "neck_pain")] * 5
    assert (result.generalized, result.suppressed) == (0, 0)


def test_a_lone_client_is_generalized_to_a_wider_band_before_anything_else():
    group = [Person(33, "female", "north", "neck_pain")] * 4 + [
        Person(37, "female", "north", "neck_pain")
    ]
    result = anonymize(group, 5)
    assert set(result.combinations) == {("30-39", "female", "north", "neck_pain")}
    assert (result.generalized, result.suppressed) == (5, 0)


def test_conditions_are_grouped_when_the_band_is_not_enough():
    group = [Person(33, "male", "north", c) for c in ("neck_pain", "whiplash", "low_back_pain")]
    result = anonymize(group, 3)
    assert set(result.combinations) == {("30-39", "male", "north", "group:spine")}


def test_clients_who_cannot_be_hidden_among_k_are_suppressed():
    result = anonymize([Person(40, "female", "north", "stress")], 2)
    assert result.combinations == [None]
    assert (result.generalized, result.suppressed) == (0, 1)


def test_ages_go_in_bands_with_the_oldest_together():
    assert [age_band(a, 5) for a in (0, 4, 5, 89, 90, 104)] == [
        "0-4",
        "0-4",
        "5-9",
        "85-89",
        "90+",
        "90+",
    ]
    assert age_band(47, 10) == "40-49"


def test_k_below_one_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        anonymize([], 0)


def test_sites_and_ids_typed_by_hand_leave_as_other():
    from repattern.research.export import atlas_site, plain_id

    known = frozenset({"psoas_major"})
    assert atlas_site("psoas_major:left", known) == "psoas_major:left"
    assert atlas_site("Maria's sore spot", known) == "other"
    assert atlas_site("unknown_muscle:left", known) == "other"
    assert plain_id("neck_pain") == "neck_pain"
    assert plain_id("Pain after seeing Dr Ferdinand") == "other"
