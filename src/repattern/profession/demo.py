"""The profession in the demo: practitioners at different levels, a certifier who belongs to no
clinic, and a few public directory listings."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.utils import timezone

from repattern.profession.models import Certification, Certifier
from repattern.profession.rules import add_months
from repattern.profession.services import certification_start, education_log, listing_update

CERTIFIER = ("carmen", "Carmen Ruiz")
# Practitioners outside the demo clinic, listed in the directory.
OUTSIDERS = (("dana", "Dana Kowalski"), ("eli", "Eli Martin"))
# username: (levels held, each certified this many months ago), then the listing.
LEVELS: dict[str, tuple[tuple[int, ...], dict[str, object] | None]] = {
    "olivia": (
        (40, 26, 12),
        {"city": "Bath", "country": "GB", "languages": "English", "conditions": ["whiplash"]},
    ),
    "alice": (
        (20, 3),
        {
            "city": "Bristol",
            "country": "GB",
            "languages": "English, French",
            "conditions": ["low_back_pain", "neck_pain", "jaw_tmj_pain"],
        },
    ),
    "ben": ((), None),
    "dana": (
        (5,),
        {
            "city": "Manchester",
            "country": "GB",
            "languages": "English, Polish",
            "conditions": ["plantar_fasciitis"],
        },
    ),
    "eli": (
        (14,),
        {
            "city": "Lyon",
            "country": "FR",
            "languages": "French, English",
            "conditions": ["headache_migraine"],
        },
    ),
}


def _user(username: str, name: str, password: str) -> User:
    first, last = name.split(" ", 1)
    return get_user_model().objects.create_user(
        username=username,
        email=f"{username}@practitioners.example",
        password=password,
        first_name=first,
        last_name=last,
    )


def _certified(user: User, level: int, months_ago: int, certifier: Certifier) -> None:
    """A level already held: the course, then the result as a certifier recorded it."""
    today = timezone.localdate()
    certified_on = add_months(today, -months_ago)
    course = certification_start(
        practitioner=user,
        level=level,
        course_date=certified_on - timedelta(days=120),
        course_place="Bristol",
        course_instructor="Demo instructor",
    )
    Certification.objects.filter(pk=course.pk).update(
        result=Certification.Result.CERTIFIED,
        certified_on=certified_on,
        certifier=certifier,
        submitted_at=timezone.now() - timedelta(days=30 * months_ago + 7),
    )


def profession_demo_load(password: str) -> None:
    certifier = Certifier.objects.create(user=_user(*CERTIFIER, password))
    for username, name in OUTSIDERS:
        _user(username, name, password)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=LEVELS)}
    for username, (held, listing) in LEVELS.items():
        user = users[username]
        for level, months_ago in enumerate(held, start=1):
            _certified(user, level, months_ago, certifier)
        if listing is not None:
            listing_update(
                practitioner=user,
                opted_in=True,
                display_name=user.get_full_name(),
                about="Neurokinetic therapy for pain that keeps coming back.",
                booking_url=f"https://booking.example/{username}",
                **listing,  # type: ignore[arg-type]
            )
    # Ben took the level 1 course seven weeks ago: his deadline shows on his Today page.
    ben = users["ben"]
    certification_start(
        practitioner=ben,
        level=1,
        course_date=timezone.localdate() - timedelta(weeks=7),
        course_place="Leeds",
        course_instructor="Demo instructor",
    )
    education_log(
        practitioner=users["alice"],
        kind="course",
        title="Scar tissue: a refresher day",
        on=timezone.localdate() - timedelta(days=90),
        hours=None,
    )
