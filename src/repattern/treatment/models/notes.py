from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from repattern.clients.models import TEXT_MAX
from repattern.treatment.models.sessions import TreatmentSession


class SessionNote(models.Model):
    """The SOAP note. Once signed it is never edited: later changes are dated amendments."""

    session = models.OneToOneField(TreatmentSession, on_delete=models.CASCADE, related_name="note")
    subjective = models.TextField(max_length=TEXT_MAX, blank=True)
    objective = models.TextField(max_length=TEXT_MAX, blank=True)
    assessment = models.TextField(max_length=TEXT_MAX, blank=True)
    plan = models.TextField(max_length=TEXT_MAX, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    needs_cosign = models.BooleanField(
        default=False, help_text="Signed by a student: a practitioner or the owner co-signs it"
    )
    cosigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cosigned_notes",
    )
    cosigned_at = models.DateTimeField(null=True, blank=True)

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    @property
    def awaits_cosign(self) -> bool:
        return self.needs_cosign and self.cosigned_at is None


class NoteAmendment(models.Model):
    note = models.ForeignKey(SessionNote, on_delete=models.CASCADE, related_name="amendments")
    text = models.TextField(max_length=TEXT_MAX)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["written_at", "id"]
