"""How fast the public directory answers with 5,000 listings in Britain, France and Germany.

Run it on a scratch database (it adds users and listings):

    export REPATTERN_VAR_DIR=$(mktemp -d)
    uv run repattern demo --no-serve
    uv run python -m django shell --settings=repattern.settings < docs/bench/directory.py

It prints the median and the slowest of 20 requests to each page; it never fails on time.
"""

import random
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from repattern.profession.models import DirectoryListing
from repattern.profession.places import _cities

LISTINGS = 5000
REPEATS = 20

random.seed(1)
cities = [c for group in _cities().values() for c in group if c.country in ("GB", "FR", "DE")]
users = get_user_model().objects.bulk_create(
    [get_user_model()(username=f"bench-{n}") for n in range(LISTINGS)]
)
today = timezone.localdate()
DirectoryListing.objects.bulk_create(
    [
        DirectoryListing(
            practitioner=user,
            opted_in=True,
            display_name=f"Practitioner {n}",
            city=city.name,
            country=city.country,
            latitude=city.latitude,
            longitude=city.longitude,
            level=1 + n % 3,
            certified_on=today,
            listed_until=today + timedelta(days=700),
            conditions=["neck_pain"],
        )
        for n, (user, city) in enumerate(
            zip(users, random.choices(cities, k=LISTINGS), strict=True)
        )
    ]
)
browser = Client()
first = DirectoryListing.objects.first()
assert first is not None
for label, url in [
    ("the whole directory", "/directory/"),
    ("near Bristol, 50 km", "/directory/?near=Bristol&within_km=50"),
    ("near Lyon, 200 km, level 2", "/directory/?near=Lyon&within_km=200&level=2"),
    ("one listing", f"/directory/{first.pk}/"),
]:
    browser.get(url)
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        response = browser.get(url)
        times.append(time.perf_counter() - start)
    times.sort()
    print(
        f"{label}: median {times[REPEATS // 2] * 1000:.1f} ms, slowest {times[-1] * 1000:.1f} ms "
        f"({response.status_code}, {len(response.content)} bytes)"
    )
