from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from repattern.clients.models import TEXT_MAX, Client
from repattern.treatment.models.careplans import PLAN_HORIZON_DAYS, CarePlan
from repattern.treatment.models.sessions import TreatmentSession

LONGEST_MINUTES = 240


class Appointment(models.Model):
    """A time booked with a practitioner; a session held in it is linked to it."""

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        ATTENDED = "attended", "Attended"
        CANCELLED = "cancelled", "Cancelled"

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="appointments")
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointments"
    )
    care_plan = models.ForeignKey(
        CarePlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="appointments"
    )
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(
        "Length (minutes)",
        default=60,
        validators=[
            MinValueValidator(10, "An appointment lasts 10 minutes or more."),
            MaxValueValidator(LONGEST_MINUTES, "An appointment lasts at most 4 hours."),
        ],
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    note = models.CharField(
        "Note for the clinic", max_length=300, blank=True, help_text="Not shown to the client"
    )
    session = models.OneToOneField(
        TreatmentSession,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointment",
    )
    cancelled_reason = models.TextField(max_length=TEXT_MAX, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Calendar apps replace an event when its sequence grows: each change raises it.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["practitioner", "starts_at"]),
            models.Index(fields=["client", "starts_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.client} with {self.practitioner} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_booked(self) -> bool:
        return self.status == self.Status.BOOKED

    def clean(self) -> None:
        # An appointment belongs to the present: a date decades away is a typing slip.
        if self.starts_at and abs((self.starts_at - timezone.now()).days) > PLAN_HORIZON_DAYS:
            raise ValidationError({"starts_at": "Book within two years of today (check the year)."})
        if self.status == self.Status.CANCELLED and not self.cancelled_reason.strip():
            raise ValidationError({"cancelled_reason": "Say why the appointment is cancelled."})
        plan = self.care_plan if self.care_plan_id else None
        if plan is not None and self.client_id and plan.client_id != self.client_id:
            raise ValidationError({"care_plan": "That care plan belongs to another client."})

    def overlapping(self) -> list[Appointment]:
        """The practitioner's other booked appointments that share some of this one's time."""
        longest = timedelta(minutes=LONGEST_MINUTES)
        near = (
            Appointment.objects.filter(
                practitioner_id=self.practitioner_id,
                status=self.Status.BOOKED,
                starts_at__lt=self.ends_at,
                starts_at__gt=self.starts_at - longest,
            )
            .exclude(pk=self.pk)
            .select_related("client")
        )
        return [other for other in near if other.ends_at > self.starts_at]
