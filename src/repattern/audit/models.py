from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """Who saw or changed which clinical record, and when. Never edited, never deleted."""

    clinic = models.ForeignKey(
        "accounts.Clinic", on_delete=models.PROTECT, related_name="audit_events"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor = models.CharField(max_length=150, help_text="Username, or who acted without an account")
    client = models.ForeignKey(
        "clients.Client",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
        help_text="The client whose record was seen or changed, for that client's trail",
    )
    action = models.CharField(max_length=40)
    record_type = models.CharField(max_length=40)
    record_id = models.CharField(max_length=40)
    summary = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["clinic", "-at"]),
            models.Index(fields=["record_type", "record_id"]),
        ]

    def __str__(self) -> str:
        when = f"{self.at:%Y-%m-%d %H:%M}"
        return f"{when} {self.actor} {self.action} {self.record_type} {self.record_id}"
