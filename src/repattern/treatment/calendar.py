"""iCalendar (RFC 5545) for planned sessions. Events carry initials, not names: a calendar
leaves the clinic's system."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from repattern.treatment.models import CarePlan

PRODID = "-//Repattern//Planned sessions//EN"


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    return [*out, current]


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def plan_events(plan: CarePlan, stamp: datetime) -> list[str]:
    """Planned (not yet held) sessions only; no complaint or name leaves the clinic."""
    initials = f"{plan.client.first_name[:1]}. {plan.client.last_name[:1]}."
    lines: list[str] = []
    for number, day, held in plan.schedule():
        summary = f"Planned session {number} of {plan.planned_sessions}: {initials}"
        if held:
            continue
        lines += [
            "BEGIN:VEVENT",
            f"UID:careplan-{plan.pk}-session-{number}@repattern",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{_day(day)}",
            f"DTEND;VALUE=DATE:{_day(day + timedelta(days=1))}",
            f"SUMMARY:{_escape(summary)}",
            "STATUS:TENTATIVE",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    return lines


def calendar(plans: Iterable[CarePlan], name: str) -> str:
    stamp = datetime.now(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for plan in plans:
        lines += plan_events(plan, stamp)
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"
