"""Calendar feeds: a secret subscription address per member, made and revoked here."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from repattern.accounts.models import Membership
from repattern.audit.services import audit_record
from repattern.treatment.models import CalendarFeed


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def feed_create(*, membership: Membership) -> tuple[CalendarFeed, str]:
    """A new feed for this member, replacing any earlier one; the token is shown only once."""
    feed_revoke(membership=membership)
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(membership=membership, token_hash=_hash(token))
    audit_record(
        clinic=membership.clinic,
        user=membership.user,
        action="calendar_feed",
        record=feed,
        summary="made a calendar feed",
    )
    return feed, token


@transaction.atomic
def feed_revoke(*, membership: Membership) -> None:
    for feed in membership.feeds.filter(revoked_at__isnull=True):
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
        audit_record(
            clinic=membership.clinic,
            user=membership.user,
            action="revoke",
            record=feed,
            summary="calendar feed",
        )


def feed_find(token: str) -> CalendarFeed | None:
    """The active feed for this token whose member still belongs to the clinic, or None."""
    return (
        CalendarFeed.objects.select_related("membership", "membership__clinic")
        .filter(token_hash=_hash(token), revoked_at__isnull=True)
        .first()
    )
