"""The appointment page's panel saying when the client will be reminded, with a form to choose."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template
from django.conf import settings
from django.utils import timezone

from repattern.outbox.models import Message
from repattern.reminders.forms import ReminderTimeForm
from repattern.reminders.models import AppointmentReminder
from repattern.reminders.services import reminder_choices_of
from repattern.treatment.models import Appointment

register = template.Library()


@register.inclusion_tag("reminders/_appointment_reminder.html", takes_context=True)
def appointment_reminder(context: Any, appointment: Appointment) -> dict[str, Any]:
    chosen = AppointmentReminder.objects.filter(
        appointment=appointment, remind_at__lt=appointment.starts_at
    ).first()
    lead = timedelta(hours=settings.APPOINTMENT_REMINDER_HOURS)
    remind_at = chosen.remind_at if chosen else appointment.starts_at - lead
    local = timezone.localtime(remind_at)
    return {
        "appointment": appointment,
        "me": context.get("me"),
        "csrf_token": context.get("csrf_token"),
        "remind_at": remind_at,
        "chosen": chosen is not None,
        "wanted": reminder_choices_of(appointment.client).appointments,
        "has_email": bool(appointment.client.email),
        "sent": Message.objects.filter(
            client=appointment.client,
            kind="appointment",
            key__startswith=f"reminder:appointment:{appointment.pk}:",
        ).first(),
        "form": ReminderTimeForm(initial={"day": local.date(), "time": local.time()}),
    }
