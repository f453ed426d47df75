"""iCalendar (RFC 5545) files of appointments, written with the `icalendar` library.

What leaves the clinic's system carries as little as it can: staff calendars name a client by
initials only; the client's own calendar names the practitioner and the clinic, nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from icalendar import Calendar, Event

from repattern.treatment.models import Appointment

PRODID = "-//Repattern//Appointments//EN"


def initials(appointment: Appointment) -> str:
    client = appointment.client
    return f"{client.first_name[:1]}. {client.last_name[:1]}."


def for_staff(appointment: Appointment) -> str:
    return f"Session: {initials(appointment)}"


def for_client(appointment: Appointment) -> str:
    who = appointment.practitioner.get_full_name() or appointment.practitioner.get_username()
    return f"Session with {who} at {appointment.client.clinic.name}"


def calendar(appointments: Iterable[Appointment], name: str, client_view: bool = False) -> bytes:
    """The appointments as one calendar; a cancelled one stays in it, marked so, so that a
    calendar app that had it takes it away."""
    made = Calendar()
    made.add("prodid", PRODID)
    made.add("version", "2.0")
    made.add("calscale", "GREGORIAN")
    made.add("x-wr-calname", name)
    stamp = datetime.now(UTC)
    for appointment in appointments:
        event = Event()
        event.add("uid", f"appointment-{appointment.pk}@repattern")
        event.add("dtstamp", stamp)
        event.add("dtstart", appointment.starts_at.astimezone(UTC))
        event.add("dtend", appointment.ends_at.astimezone(UTC))
        event.add("summary", for_client(appointment) if client_view else for_staff(appointment))
        event.add("sequence", appointment.sequence)
        cancelled = appointment.status == Appointment.Status.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        made.add_component(event)
    return made.to_ical()
