from __future__ import annotations

from django.db import models
from django.utils import timezone

from repattern.accounts.models import Membership


class CalendarFeed(models.Model):
    """A secret address a calendar app subscribes to: the clinic's planned sessions.

    Only a hash of the token is kept; revoking the feed makes the address stop working.
    """

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
