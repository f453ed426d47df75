"""A client's reminder choices, changed on the portal or by the link in a reminder e-mail."""

from __future__ import annotations

from datetime import time

from django.db import transaction
from django.utils import timezone

from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import Client
from repattern.reminders.models import ReminderChoices

__all__ = ["reminder_choices_of", "reminders_update"]


def reminder_choices_of(client: Client) -> ReminderChoices:
    """The client's choices; the defaults (unsaved) when they never made any."""
    found = ReminderChoices.objects.filter(client=client).first()
    return found or ReminderChoices(client=client)


@transaction.atomic
def reminders_update(
    *,
    client: Client,
    actor: str,
    appointments: bool,
    exercises: bool,
    exercise_time: time | None = None,
) -> ReminderChoices:
    choices = ReminderChoices.objects.select_for_update().filter(client=client).first()
    choices = choices or ReminderChoices(client=client)
    choices.appointments, choices.exercises = appointments, exercises
    if exercise_time is not None:
        choices.exercise_time = exercise_time
    choices.updated_at = timezone.now()
    choices.full_clean()
    choices.save()
    said = [
        f"appointments {'on' if appointments else 'off'}",
        f"exercises {'on at ' + choices.exercise_time.strftime('%H:%M') if exercises else 'off'}",
    ]
    audit_record(
        clinic=client.clinic,
        user=None,
        actor=actor,
        action=AuditAction.REMINDERS_UPDATE,
        record=choices,
        client=client,
        summary=", ".join(said),
    )
    return choices
