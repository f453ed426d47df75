"""The one-click link in every reminder e-mail that turns that kind of reminder off.

The link is signed with the app's secret key, so it needs no sign-in and cannot be changed to
turn off someone else's reminders; it says only whose reminders and which kind."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "repattern.reminders.stop"

# What each kind of reminder is called on the page the link opens.
KINDS = {
    "appointments": "appointment reminders",
    "exercises": "home exercise reminders",
    "quiet": "e-mails about clients whose home exercises have gone quiet",
}
# Who the reminders go to: a client ("c") or a clinic member ("m").
WHOSE = {"appointments": "c", "exercises": "c", "quiet": "m"}


@dataclass(frozen=True)
class StopLink:
    kind: str
    whose: int  # a client's id, or for "quiet" a membership's id

    @property
    def what(self) -> str:
        return KINDS[self.kind]


def stop_token(kind: str, whose: int) -> str:
    return signing.dumps([WHOSE[kind], whose, kind], salt=SALT, compress=True)


def stop_url(kind: str, whose: int) -> str:
    return settings.SITE_URL + reverse("reminder_stop", kwargs={"token": stop_token(kind, whose)})


def stop_link_read(token: str) -> StopLink | None:
    """What a link turns off; None when it was not made here or has been changed."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not (isinstance(value, list) and len(value) == 3):
        return None
    who, whose, kind = value
    if kind not in KINDS or WHOSE[kind] != who or not isinstance(whose, int):
        return None
    return StopLink(kind, whose)
