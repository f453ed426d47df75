"""Sign-in links to the client portal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from repattern.clients.models import Client


class PortalLink(models.Model):
    """A sign-in link to the portal, sent to the client by e-mail.

    It opens the portal until it expires or is revoked, as often as the client likes, so the
    e-mail can be kept and used on any phone. Only the token's hash is stored, so a copy of the
    database opens nothing. Revoking it also ends every portal session it started."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="portal_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="Who sent it; empty when the client asked for a new link themselves",
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Portal link {self.pk} for {self.client}"

    def is_usable(self) -> bool:
        return (
            self.revoked_at is None
            and self.expires_at > timezone.now()
            and not self.client.is_archived
        )

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"
