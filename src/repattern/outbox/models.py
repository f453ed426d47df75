from __future__ import annotations

from django.db import models
from django.utils import timezone


class Message(models.Model):
    """One e-mail the clinic sends, logged when it is queued and again when it goes or fails.

    `key` makes a message once-only: a reminder asked for twice (two workers, a retry) is kept
    once and sent once."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    clinic = models.ForeignKey(
        "accounts.Clinic", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    client = models.ForeignKey(
        "clients.Client",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="messages",
    )
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    text = models.TextField()
    holds_link = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.CharField(max_length=500, blank=True)
    queued_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-queued_at", "-id"]
        indexes = [models.Index(fields=["client", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} to {self.to}: {self.subject}"
