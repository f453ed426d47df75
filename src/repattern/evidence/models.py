"""The practitioner's closing words on a care plan, printed in its discharge summary."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from repattern.clients.models import TEXT_MAX


class DischargeNote(models.Model):
    care_plan = models.OneToOneField(
        "treatment.CarePlan", on_delete=models.CASCADE, related_name="discharge_note"
    )
    note = models.TextField(max_length=TEXT_MAX)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    written_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Discharge note of plan {self.care_plan_id}"
