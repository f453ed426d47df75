"""API tokens: one member's key to one clinic's records, scoped, revocable, stored hashed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from repattern.accounts.models import Membership


class Scope(models.TextChoices):
    READ = "read", "Read"
    WRITE = "write", "Read and write"


class ApiToken(models.Model):
    """A secret a program sends as `Authorization: Bearer <token>`; it acts as the member, in
    the member's clinic, with the member's role, and no further than its scope.

    Only a hash of the token is kept, with its first characters (`prefix`) so a member can tell
    their tokens apart; removing the membership removes its tokens."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80, help_text="What uses it, e.g. 'tablet app'")
    scope = models.CharField(max_length=5, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def may_write(self) -> bool:
        return self.scope == Scope.WRITE
