"""A clinic's clients, appointments, sessions and outcome measures as CSV files, one row per
record."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from repattern.accounts.models import Clinic
from repattern.clients.models import Client
from repattern.outcomes.models import Response
from repattern.treatment.models import Appointment, TreatmentSession

# A cell a spreadsheet would run as a formula starts with one of these; a phone number's + or
# a negative number is data, and stays as it is.
FORMULA = re.compile(r"^[=@\t\r]|^[+-](?![0-9 ()+.-]*$)")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    text = str(value)
    return f"'{text}" if FORMULA.match(text) else text


Column = tuple[str, Callable[[Any], Any]]

CLIENTS: list[Column] = [
    ("Client number", lambda c: c.pk),
    ("First name", lambda c: c.first_name),
    ("Last name", lambda c: c.last_name),
    ("Preferred name", lambda c: c.preferred_name),
    ("Date of birth", lambda c: c.date_of_birth.isoformat()),
    ("Gender", lambda c: c.gender),
    ("Mobile", lambda c: c.phone),
    ("Email", lambda c: c.email),
    ("Notes", lambda c: c.notes),
    ("Registered", lambda c: c.created_at),
    ("Archived", lambda c: c.archived_at),
]
APPOINTMENTS: list[Column] = [
    ("Appointment number", lambda a: a.pk),
    ("Client number", lambda a: a.client_id),
    ("Client", lambda a: a.client.full_name),
    ("Practitioner", lambda a: a.practitioner.get_username()),
    ("Starts", lambda a: a.starts_at),
    ("Minutes", lambda a: a.duration_minutes),
    ("Status", lambda a: a.status),
    ("Note", lambda a: a.note),
    ("Cancelled because", lambda a: a.cancelled_reason),
    ("Session number", lambda a: a.session_id),
]
SESSIONS: list[Column] = [
    ("Session number", lambda s: s.pk),
    ("Client number", lambda s: s.client_id),
    ("Client", lambda s: s.client.full_name),
    ("Practitioner", lambda s: s.practitioner.get_username()),
    ("Started", lambda s: s.started_at),
    ("Ended", lambda s: s.ended_at),
    ("Care plan number", lambda s: s.care_plan_id),
    ("After-effects", lambda s: ", ".join(s.after_effects)),
]


OUTCOMES: list[Column] = [
    ("Response number", lambda r: r.pk),
    ("Client number", lambda r: r.client_id),
    ("Client", lambda r: r.client.full_name),
    ("Measure", lambda r: r.instrument),
    ("Of", lambda r: r.qualifier),
    ("Score", lambda r: r.score),
    ("Given", lambda r: r.authored),
    ("Before or after the session", lambda r: r.phase),
    ("Session number", lambda r: r.session_id),
    ("Care plan number", lambda r: r.care_plan_id),
    ("Entered by", lambda r: r.entered_by),
    ("Entered by whom", lambda r: r.actor),
]


def csv_text(columns: list[Column], rows: Iterable[Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([name for name, _ in columns])
    for row in rows:
        writer.writerow([_cell(value(row)) for _, value in columns])
    return out.getvalue()


def lists(clinic: Clinic) -> dict[str, tuple[list[Column], QuerySet[Any]]]:
    """Each file a clinic can download, with its columns and rows."""
    return {
        "clients": (CLIENTS, Client.objects.filter(clinic=clinic)),
        "appointments": (
            APPOINTMENTS,
            Appointment.objects.filter(client__clinic=clinic).select_related(
                "client", "practitioner"
            ),
        ),
        "sessions": (
            SESSIONS,
            TreatmentSession.objects.filter(client__clinic=clinic)
            .select_related("client", "practitioner")
            .order_by("started_at", "id"),
        ),
        "outcomes": (
            OUTCOMES,
            Response.objects.filter(client__clinic=clinic)
            .select_related("client")
            .order_by("authored", "id"),
        ),
    }
