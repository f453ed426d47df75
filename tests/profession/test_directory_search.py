"""Searching the directory by name, place, level, condition and distance; expiry by itself."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from repattern.profession.models import DirectoryListing
from repattern.profession.places import city_find, distance_km
from repattern.profession.rules import listing_until
from repattern.profession.search import around, directory_search

CERTIFIED = date(2026, 3, 1)


def _listed(django_user_model: Any, name: str, city: str, country: str, **fields: Any) -> Any:
    user = django_user_model.objects.create_user(username=name.split()[0].lower())
    place = city_find(city, country)
    assert place is not None
    return DirectoryListing.objects.create(
        practitioner=user,
        opted_in=fields.pop("opted_in", True),
        display_name=name,
        city=place.name,
        country=place.country,
        latitude=place.latitude,
        longitude=place.longitude,
        level=fields.pop("level", 1),
        certified_on=CERTIFIED,
        listed_until=listing_until(CERTIFIED),
        **fields,
    )


@pytest.fixture
def listed(django_user_model: Any, db: None) -> dict[str, Any]:
    return {
        "bath": _listed(django_user_model, "Ann Bath", "Bath", "GB", conditions=["neck_pain"]),
        "cardiff": _listed(django_user_model, "Cai Cardiff", "Cardiff", "GB", level=2),
        "leeds": _listed(django_user_model, "Lee Leeds", "Leeds", "GB", level=3),
        "hidden": _listed(django_user_model, "Hal Hidden", "Bristol", "GB", opted_in=False),
    }


def _names(query: dict[str, Any], today: date = CERTIFIED) -> list[str]:
    return [found.listing.display_name for found in directory_search(query, today)[0]]


def test_near_a_city_finds_those_within_the_distance_nearest_first(listed: Any):
    assert _names({"near": "Bristol", "within_km": 60}) == ["Ann Bath", "Cai Cardiff"]
    assert _names({"near": "Bristol", "within_km": 20}) == ["Ann Bath"]


def test_by_name_place_level_and_condition(listed: Any):
    assert _names({"name": "cai"}) == ["Cai Cardiff"]
    assert _names({"place": "leeds"}) == ["Lee Leeds"]
    assert _names({"level": 2}) == ["Cai Cardiff", "Lee Leeds"]
    assert _names({"condition": "neck_pain"}) == ["Ann Bath"]


def test_those_not_opted_in_are_never_found(listed: Any):
    assert "Hal Hidden" not in _names({})


def test_a_listing_drops_out_two_years_after_certification(listed: Any):
    last_day = listing_until(CERTIFIED) - timedelta(days=1)
    assert len(_names({}, last_day)) == 3
    assert _names({}, listing_until(CERTIFIED)) == []


def test_an_unknown_city_is_a_sentence(listed: Any):
    rows, problem = directory_search({"near": "Qqqq"}, CERTIFIED)
    assert rows == [] and "No city called" in problem


def test_distances_are_great_circle_kilometres() -> None:
    bristol, london = city_find("Bristol", "GB"), city_find("London", "GB")
    assert bristol is not None and london is not None
    km = distance_km((bristol.latitude, bristol.longitude), (london.latitude, london.longitude))
    assert 165 < km < 175


def test_the_box_around_a_city_holds_the_circle_and_stays_open_across_the_date_line() -> None:
    box = around(51.45, -2.6, 60)
    assert box["latitude__gte"] < 51.45 - 0.5 and box["longitude__lte"] > -2.6 + 0.8
    assert "longitude__gte" not in around(-17.7, 178.0, 500)
