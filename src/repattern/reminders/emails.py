"""The words of each reminder e-mail: a subject and a text, each with its link to stop it."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from repattern.accounts.models import Membership
from repattern.clients.models import Client
from repattern.reminders.links import stop_url
from repattern.treatment.models import Appointment


def _name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _stop(kind: str, whose: int, what: str) -> str:
    return f"You get this e-mail because {what} are on. To stop them:\n{stop_url(kind, whose)}\n"


def appointment_reminder(appointment: Appointment) -> tuple[str, str]:
    client, clinic = appointment.client, appointment.client.clinic
    when = timezone.localtime(appointment.starts_at)
    day = f"{when:%A} {when.day} {when:%B} at {when:%H:%M}"
    return (
        f"Reminder: your appointment on {when:%A} at {when:%H:%M}",
        f"Hello {client.first_name},\n\n"
        f"This is a reminder of your appointment at {clinic.name} on {day}, with "
        f"{_name(appointment.practitioner)} ({appointment.duration_minutes} minutes).\n\n"
        "If you cannot come, please let the clinic know.\n\n"
        f"{clinic.name}\n\n-- \n" + _stop("appointments", client.pk, "appointment reminders"),
    )


def exercise_reminder(client: Client) -> tuple[str, str]:
    clinic = client.clinic
    return (
        "A reminder of your home exercises",
        f"Hello {client.first_name},\n\n"
        "You have not marked your home exercises as done today. When you have done them, tap "
        "'Done' beside each on your client page (the link in the e-mail your clinic sent you).\n\n"
        f"{clinic.name}\n\n-- \n" + _stop("exercises", client.pk, "home exercise reminders"),
    )


def quiet_program(member: Membership, client: Client, since: date, today: date) -> tuple[str, str]:
    days = (today - since).days
    record = settings.SITE_URL + reverse("client_detail", kwargs={"client_id": client.pk})
    return (
        f"{client.full_name} has marked no home exercises for {days} days",
        f"Hello {_name(member.user)},\n\n"
        f"{client.full_name} has marked nothing of their home program since {since:%d %B %Y}. "
        f"You may want to get in touch.\n\nTheir record: {record}\n\n"
        "You get one e-mail for each quiet spell.\n\n-- \n"
        + _stop("quiet", member.pk, "e-mails about quiet home programs"),
    )
