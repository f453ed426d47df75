"""The demo shows the profession: levels, a certifier of no clinic, directory listings."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from repattern import demo
from repattern.profession.models import Certifier, DirectoryListing
from repattern.profession.services import level_held


def test_the_demo_has_practitioners_at_different_levels_and_listings(
    db: None, django_user_model: Any
):
    assert demo.demo_load()
    carmen = Certifier.objects.get().user
    assert carmen.username == "carmen" and not carmen.memberships.exists()
    shown = DirectoryListing.objects.shown(timezone.localdate())
    levels = {listing.practitioner.username: listing.level for listing in shown}
    assert levels == {"olivia": 3, "alice": 2, "dana": 1, "eli": 1}
    ben = django_user_model.objects.get(username="ben")
    assert level_held(ben) is None and ben.certifications.count() == 1
