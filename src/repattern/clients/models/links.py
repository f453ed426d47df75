"""Intake links: a client fills in their own history on their phone."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from repattern.clients.models.records import Client


class IntakeLink(models.Model):
    """A one-time link for the client to fill in the intake on their own phone.

    Only a hash of the token is stored, so a copy of the database cannot be used to open it.
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="intake_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def is_usable(self) -> bool:
        return (
            self.completed_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
