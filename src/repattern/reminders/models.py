"""Which reminders a client wants, and when."""

from __future__ import annotations

from datetime import time

from django.conf import settings
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


class AppointmentReminder(models.Model):
    """A reminder time chosen for one appointment, instead of the clinic's usual lead time
    (settings.APPOINTMENT_REMINDER_HOURS before it starts)."""

    appointment = models.OneToOneField(
        "treatment.Appointment", on_delete=models.CASCADE, related_name="reminder"
    )
    remind_at = models.DateTimeField("Send the reminder at")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Reminder of {self.appointment} at {self.remind_at:%Y-%m-%d %H:%M}"


class PractitionerChoices(models.Model):
    """Whether a member wants an e-mail when a client's home program goes quiet (on without a
    row)."""

    membership = models.OneToOneField(
        "accounts.Membership", on_delete=models.CASCADE, related_name="reminder_choices"
    )
    quiet_clients = models.BooleanField(
        "Tell me when a client has logged no home exercises for 3 days", default=True
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Reminder choices of {self.membership}"
