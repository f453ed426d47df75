"""Calendar feeds: a secret subscription address per member, made and revoked here."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from repattern.accounts.models import Membership
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.tokens import new_token, token_hash
from repattern.treatment.models import CalendarFeed


@transaction.atomic
def feed_create(*, membership: Membership) -> tuple[CalendarFeed, str]:
    """A new feed for this member, replacing any earlier one; the token is shown only once."""
    feed_revoke(membership=membership)
    token, hashed = new_token()
    feed = CalendarFeed.objects.create(membership=membership, token_hash=hashed)
    audit_record(
        clinic=membership.clinic,
        user=membership.user,
        action=AuditAction.FEED_CREATE,
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
            action=AuditAction.FEED_REVOKE,
            record=feed,
            summary="calendar feed",
        )


def feed_read(*, feed: CalendarFeed) -> None:
    """A calendar app fetched the feed: it lists the clinic's planned sessions by initials."""
    audit_record(
        clinic=feed.membership.clinic,
        user=None,
        actor=f"calendar app of {feed.membership.user.get_username()}",
        action=AuditAction.FEED_READ,
        record=feed,
    )


def feed_find(token: str) -> CalendarFeed | None:
    """The active feed for this token whose member may still treat in the clinic, or None.

    A removed member's feed goes with the membership; a member whose role no longer treats
    gets nothing from it."""
    feed = (
        CalendarFeed.objects.select_related("membership", "membership__clinic")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .first()
    )
    return feed if feed is not None and feed.membership.can("treat") else None
