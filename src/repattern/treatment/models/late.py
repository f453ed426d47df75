from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from repattern.treatment.models.sessions import TreatmentSession


class LateEntry(models.Model):
    """A tap made on a device after the session had already ended (another tab finished it),
    kept with the session exactly as it was typed, apart from the session's record of tests:
    nothing a practitioner typed is lost, and nothing is slipped into a closed record."""

    session = models.ForeignKey(
        TreatmentSession, on_delete=models.CASCADE, related_name="late_entries"
    )
    event_id = models.UUIDField(unique=True, help_text="The id the page made for the tap")
    entry = models.JSONField(help_text="What the page sent, field by field")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    kept_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kept_at", "id"]

    def __str__(self) -> str:
        fields = ("kind", "site", "candidate", "result", "outcome", "challenge_other", "note")
        words = " · ".join(str(self.entry[f]) for f in fields if self.entry.get(f))
        force = self.entry.get("force_newtons")
        return words + (f" · {force} N" if force else "")
