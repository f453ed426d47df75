"""Force readings: a muscle's peak force in newtons, typed on the session screen or imported
from a handheld dynamometer's file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from repattern.clients.models import Client
from repattern.readings.dynamometer import MAX_NEWTONS
from repattern.treatment.models import TreatmentSession


class ForceReading(models.Model):
    class Side(models.TextChoices):
        LEFT = "left", "Left"
        RIGHT = "right", "Right"

    class Entered(models.TextChoices):
        TYPED = "typed", "Typed"
        IMPORTED = "imported", "Imported"

    session = models.ForeignKey(
        TreatmentSession, on_delete=models.CASCADE, related_name="force_readings"
    )
    muscle = models.CharField(max_length=100, help_text="The atlas id of the muscle")
    side = models.CharField(max_length=5, choices=Side.choices)
    newtons = models.DecimalField(max_digits=5, decimal_places=1)
    trial = models.PositiveSmallIntegerField(default=1)
    taken_at = models.DateTimeField(default=timezone.now)
    practitioner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    entered = models.CharField(max_length=8, choices=Entered.choices, default=Entered.TYPED)

    class Meta:
        ordering = ["muscle", "side", "trial", "id"]
        indexes = [models.Index(fields=["session", "muscle", "side"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(newtons__gt=0, newtons__lte=MAX_NEWTONS),
                name="force_reading_newtons_in_range",
            ),
            models.CheckConstraint(condition=models.Q(trial__gte=1), name="force_reading_trial"),
        ]

    def __str__(self) -> str:
        return f"{self.muscle} ({self.side}) trial {self.trial}: {self.newtons} N"

    @property
    def client(self) -> Client:
        return self.session.client
