"""When measures are due in a care plan: its own schedule, or the default one."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from repattern.outcomes.instruments import Instrument
from repattern.outcomes.models import Response, ScheduleEntry
from repattern.outcomes.registry import instruments_for
from repattern.treatment.models import CarePlan, TreatmentSession


@dataclass(frozen=True)
class When:
    instrument: str
    at_first: bool = False
    every: int = 0
    at_discharge: bool = False

    def due_at(self, number: int, planned: int) -> bool:
        """Due at session `number` (counted from 1) of a plan of `planned` sessions."""
        return (
            (self.at_first and number == 1)
            or (self.every > 0 and (number - 1) % self.every == 0)
            or (self.at_discharge and number == planned)
        )

    def words(self) -> str:
        parts = []
        if self.at_first:
            parts.append("first session")
        if self.every == 1:
            parts.append("every session")
        elif self.every > 1:
            parts.append(f"every {self.every} sessions")
        if self.at_discharge:
            parts.append("last session")
        return ", ".join(parts) or "not scheduled"


# Pain, activities and stress at the start; pain every time, activities every second
# session; the rating of change and the activities again at the end.
DEFAULT_SCHEDULE = (
    When("nprs", at_first=True, every=1),
    When("psfs", at_first=True, every=2, at_discharge=True),
    When("stress", at_first=True),
    When("groc", at_discharge=True),
)


def schedule_of(plan: CarePlan) -> list[When]:
    own = [
        When(e.instrument, e.at_first, e.every, e.at_discharge)
        for e in ScheduleEntry.objects.filter(care_plan=plan)
    ]
    return own or list(DEFAULT_SCHEDULE)


def _sessions(plan: CarePlan) -> list[TreatmentSession]:
    return list(plan.sessions.order_by("started_at", "id"))


def due(plan: CarePlan, session: TreatmentSession | None = None) -> list[Instrument]:
    """What is still to be filled in for `session`, or, without one, for the session the
    client comes to next (the open one, else the next to be held)."""
    if not plan.is_open and session is None:
        return []
    held = _sessions(plan)
    if session is None:
        open_now = [s for s in held if s.is_open]
        session = open_now[-1] if open_now else None
    known = session is not None and session in held
    number = held.index(session) + 1 if known and session is not None else len(held) + 1
    if number > plan.planned_sessions:
        return []
    since = held[number - 2].started_at if number >= 2 else None
    instruments = instruments_for(plan.client.clinic_id)
    wanted = [w.instrument for w in schedule_of(plan) if w.due_at(number, plan.planned_sessions)]
    answered = Response.objects.filter(care_plan=plan, instrument__in=wanted)
    between = Q(session__isnull=True)
    if since is not None:
        between &= Q(authored__gt=since)
    if session is not None:
        between |= Q(session=session)
    answered = answered.filter(between)
    done = set(answered.values_list("instrument", flat=True))
    return [
        instruments[i]
        for i in wanted
        if i not in done and i in instruments and instruments[i].usable
    ]


def current_plan(client_id: int) -> CarePlan | None:
    """The client's open care plan, the latest if there are several."""
    return (
        CarePlan.objects.filter(client_id=client_id, closed_at__isnull=True)
        .select_related("client")
        .order_by("-start_date", "-id")
        .first()
    )
