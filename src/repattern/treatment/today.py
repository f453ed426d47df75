"""A practitioner's day and week: who comes when, what stands in the way of a session, what was
found last time, and how the homework went since."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import prefetch_related_objects
from django.utils import timezone

from repattern.atlas.services import clinic_atlas
from repattern.outcomes.schedule import due_next
from repattern.programs.adherence import ProgramAdherence, adherence_for
from repattern.programs.models import HomeProgram
from repattern.treatment.models import Appointment, Pattern, TreatmentSession
from repattern.treatment.sites import site_name


@dataclass(frozen=True)
class Found:
    """A pattern from the last session, in words."""

    inhibited: str
    facilitated: str
    status: str


@dataclass
class Visit:
    """One appointment of the day, with what the practitioner wants to know before it."""

    appointment: Appointment
    blockers: list[str]
    last_session: TreatmentSession | None = None
    found: list[Found] = field(default_factory=list)
    adherence: ProgramAdherence | None = None
    measures_due: list[str] = field(default_factory=list)  # outcome measures due at this visit


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def appointments(
    clinic_id: int, practitioner_ids: Iterable[int] | None, start: datetime, end: datetime
) -> list[Appointment]:
    found = Appointment.objects.filter(
        client__clinic_id=clinic_id, starts_at__gte=start, starts_at__lt=end
    ).select_related("client", "practitioner", "care_plan", "session")
    if practitioner_ids is not None:
        found = found.filter(practitioner_id__in=list(practitioner_ids))
    return list(found)


def visits(clinic_id: int, booked: list[Appointment], before: datetime) -> list[Visit]:
    """The day's appointments, each with the client's last session before the day."""
    atlas = clinic_atlas(clinic_id)
    # What stands in the way of each visit's session, read for all the day's clients at once.
    prefetch_related_objects(booked, "client__screens__clearances", "client__consents")
    client_ids = {a.client_id for a in booked}
    last: dict[int, TreatmentSession] = {}
    for held in TreatmentSession.objects.filter(
        client_id__in=client_ids, ended_at__isnull=False, started_at__lt=before
    ).order_by("client_id", "-started_at"):
        last.setdefault(held.client_id, held)
    found: dict[int, list[Found]] = {}
    for pattern in Pattern.objects.filter(session__in=list(last.values())):
        found.setdefault(pattern.session_id, []).append(
            Found(
                site_name(atlas, pattern.inhibited),
                site_name(atlas, pattern.facilitated),
                pattern.get_status_display().lower(),
            )
        )
    adherence = adherence_since(last)
    plans = {a.care_plan.pk: a.care_plan for a in booked if a.care_plan and a.is_booked}
    due = due_next(list(plans.values()), clinic_id)
    result = []
    for appointment in booked:
        previous = last.get(appointment.client_id)
        blockers = appointment.client.session_blockers() if appointment.is_booked else []
        patterns = found.get(previous.pk, []) if previous is not None else []
        visit = Visit(
            appointment, blockers, previous, patterns, adherence.get(appointment.client_id)
        )
        if appointment.is_booked and appointment.care_plan_id is not None:
            visit.measures_due = [i.title for i in due.get(appointment.care_plan_id, [])]
        result.append(visit)
    return result


def adherence_since(last: dict[int, TreatmentSession]) -> dict[int, ProgramAdherence]:
    """Each client's home program, by client id: the days done since their last session."""
    programs = list(HomeProgram.objects.filter(client_id__in=list(last), ended_at__isnull=True))
    by_program = {p.pk: p.client_id for p in programs}
    since = {
        p.pk: timezone.localdate(last[p.client_id].ended_at or last[p.client_id].started_at)
        for p in programs
    }
    counted = adherence_for(programs, since=since)
    return {by_program[pk]: found for pk, found in counted.items()}


def week_days(start: date) -> list[date]:
    monday = start - timedelta(days=start.weekday())
    return [monday + timedelta(days=n) for n in range(7)]


def adherence_before(session: TreatmentSession) -> tuple[ProgramAdherence | None, date | None]:
    """For the session screen: how the home program went since the client's previous session."""
    previous = (
        TreatmentSession.objects.filter(
            client_id=session.client_id, ended_at__isnull=False, started_at__lt=session.started_at
        )
        .order_by("-started_at")
        .first()
    )
    if previous is None:
        return None, None
    found = adherence_since({session.client_id: previous})
    return found.get(session.client_id), timezone.localdate(previous.started_at)
