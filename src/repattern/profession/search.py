"""Searching the public directory: by name, place, level, condition and distance from a city."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q

from repattern.profession.models import DirectoryListing
from repattern.profession.places import city_find, distance_km

RESULTS_MAX = 100
DEFAULT_KM = 50
KM_PER_DEGREE = 111.0


@dataclass(frozen=True)
class Found:
    listing: DirectoryListing
    km: float | None = None


def around(latitude: float, longitude: float, km: float) -> dict[str, float]:
    """A box of latitudes and longitudes that holds the circle, so the database narrows the
    listings before each distance is computed; the whole world near a pole or far enough out."""
    degrees = km / KM_PER_DEGREE
    box = {"latitude__gte": latitude - degrees, "latitude__lte": latitude + degrees}
    shrink = math.cos(math.radians(min(abs(latitude) + degrees, 90.0)))
    west, east = longitude - degrees / max(shrink, 0.01), longitude + degrees / max(shrink, 0.01)
    # Across the 180th meridian the box would split in two: leave the longitudes open there.
    if west >= -180 and east <= 180:
        box |= {"longitude__gte": west, "longitude__lte": east}
    return box


def directory_search(query: dict[str, Any], today: date) -> tuple[list[Found], str]:
    """The listings shown today that match, nearest first when searching near a city; and a
    sentence when the city is unknown."""
    found = DirectoryListing.objects.shown(today)
    if query.get("name"):
        found = found.filter(display_name__icontains=query["name"])
    if query.get("place"):
        found = found.filter(Q(city__iexact=query["place"]) | Q(country__iexact=query["place"]))
    if query.get("level"):
        found = found.filter(level__gte=query["level"])
    centre = city_find(query["near"]) if query.get("near") else None
    if query.get("near") and centre is None:
        return [], f"No city called “{query['near']}” is known; check the spelling."
    within = query.get("within_km") or DEFAULT_KM
    if centre is not None:
        found = found.filter(**around(centre.latitude, centre.longitude, within))
    # Conditions and distances are sifted here, so take more than a page's worth for them.
    wider = query.get("condition") or centre is not None
    listings = list(found[: RESULTS_MAX * 10 if wider else RESULTS_MAX])
    if query.get("condition"):
        listings = [x for x in listings if query["condition"] in x.conditions]
    if centre is None:
        return [Found(x) for x in listings[:RESULTS_MAX]], ""
    point = (centre.latitude, centre.longitude)
    near = [Found(x, distance_km(point, (x.latitude, x.longitude))) for x in listings]
    near = sorted((f for f in near if f.km is not None and f.km <= within), key=lambda f: f.km or 0)
    return near[:RESULTS_MAX], ""
