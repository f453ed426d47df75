"""Reminder choices, changed on the portal or by the link in a reminder e-mail, and the time
chosen for one appointment's reminder."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from repattern.accounts.models import Membership
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import Client
from repattern.reminders.links import StopLink
from repattern.reminders.models import AppointmentReminder, PractitionerChoices, ReminderChoices
from repattern.treatment.models import Appointment

__all__ = [
    "practitioner_choices_of",
    "practitioner_reminders_update",
    "reminder_choices_of",
    "reminder_set",
    "reminder_stop",
    "reminders_update",
]

LINK_ACTOR = "by the link in a reminder e-mail"


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


def practitioner_choices_of(membership: Membership) -> PractitionerChoices:
    found = PractitionerChoices.objects.filter(membership=membership).first()
    return found or PractitionerChoices(membership=membership)


@transaction.atomic
def practitioner_reminders_update(
    *, membership: Membership, actor: str, quiet_clients: bool
) -> PractitionerChoices:
    choices = PractitionerChoices.objects.select_for_update().filter(membership=membership).first()
    choices = choices or PractitionerChoices(membership=membership)
    choices.quiet_clients, choices.updated_at = quiet_clients, timezone.now()
    choices.save()
    audit_record(
        clinic=membership.clinic,
        user=None,
        actor=actor,
        action=AuditAction.REMINDERS_UPDATE,
        record=choices,
        summary=f"e-mails about quiet home programs {'on' if quiet_clients else 'off'}",
    )
    return choices


def reminder_stop(link: StopLink, *, on: bool = False) -> bool:
    """Turn off (or, changing one's mind, on again) the kind of reminder a link in an e-mail
    names; False if its owner is gone."""
    if link.kind == "quiet":
        membership = Membership.objects.select_related("clinic", "user").filter(pk=link.whose)
        found = membership.first()
        if found is None:
            return False
        actor = f"{found.user.get_username()} {LINK_ACTOR}"
        practitioner_reminders_update(membership=found, actor=actor, quiet_clients=on)
        return True
    client = Client.objects.select_related("clinic").filter(pk=link.whose).first()
    if client is None:
        return False
    choices = reminder_choices_of(client)
    reminders_update(
        client=client,
        actor=f"client {LINK_ACTOR}",
        appointments=on if link.kind == "appointments" else choices.appointments,
        exercises=on if link.kind == "exercises" else choices.exercises,
    )
    return True


@transaction.atomic
def reminder_set(
    *, appointment: Appointment, remind_at: datetime, user: User
) -> AppointmentReminder:
    """Choose when the client is reminded of this appointment: a time still to come, before it
    starts. A reminder time in the past is refused: it could never be sent at that time."""
    now = timezone.now()
    if remind_at <= now:
        raise ValidationError(
            {"remind_at": "That time has passed: choose a reminder time still to come."}
        )
    if remind_at >= appointment.starts_at:
        raise ValidationError(
            {"remind_at": "The reminder must be sent before the appointment starts."}
        )
    if not appointment.is_booked:
        raise ValidationError({"remind_at": "Only a booked appointment can have a reminder."})
    reminder = AppointmentReminder.objects.filter(appointment=appointment).first()
    reminder = reminder or AppointmentReminder(appointment=appointment)
    reminder.remind_at, reminder.set_by, reminder.set_at = remind_at, user, now
    reminder.save()
    audit_record(
        clinic=appointment.client.clinic,
        user=user,
        action=AuditAction.REMINDER_SET,
        record=reminder,
        client=appointment.client,
        summary=f"reminder at {timezone.localtime(remind_at):%Y-%m-%d %H:%M}",
    )
    return reminder
