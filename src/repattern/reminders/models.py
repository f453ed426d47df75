"""Which reminders a client wants, and when."""

from __future__ import annotations

from datetime import time

from django.db import models
from django.utils import timezone

from repattern.clients.models import Client


class ReminderChoices(models.Model):
    """A client's choice of reminders. A client without a row gets the defaults: both kinds on,
    exercises at six in the evening. Every e-mail carries a link that turns its kind off."""

    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="reminder_choices")
    appointments = models.BooleanField(
        "Remind me of appointments", default=True, help_text="An e-mail the day before"
    )
    exercises = models.BooleanField("Remind me to do my home exercises", default=True)
    exercise_time = models.TimeField(
        "at",
        default=time(18, 0),
        help_text="The time of day for the exercise reminder, on days you have not logged them yet",
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Reminder choices of {self.client}"
