"""When measures are due in a care plan: its own schedule, or the default one."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

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


# A response as the schedule reads it: which instrument, when, and in which session (if any).
Answer = tuple[str, datetime, int | None]


def due(plan: CarePlan, session: TreatmentSession | None = None) -> list[Instrument]:
    """What is still to be filled in for `session`, or, without one, for the session the
    client comes to next (the open one, else the next to be held)."""
    if not plan.is_open and session is None:
        return []
    held = list(plan.sessions.order_by("started_at", "id"))
    rows = Response.objects.filter(care_plan=plan).values_list("instrument", "authored", "session")
    instruments = instruments_for(plan.client.clinic_id)
    return _due(plan, held, schedule_of(plan), list(rows), instruments, session)


def due_next(plans: list[CarePlan], clinic_id: int) -> dict[int, list[Instrument]]:
    """What each open plan's next session is due, by plan id, read for all the plans at once
    (the day's page asks for every visit's)."""
    plans = [p for p in plans if p.is_open]
    ids = [p.pk for p in plans]
    held: dict[int, list[TreatmentSession]] = defaultdict(list)
    for session in TreatmentSession.objects.filter(care_plan_id__in=ids).order_by(
        "started_at", "id"
    ):
        held[session.care_plan_id].append(session)  # type: ignore[index]
    own: dict[int, list[When]] = defaultdict(list)
    for e in ScheduleEntry.objects.filter(care_plan_id__in=ids):
        own[e.care_plan_id].append(When(e.instrument, e.at_first, e.every, e.at_discharge))
    answers: dict[int, list[Answer]] = defaultdict(list)
    for plan_id, *answer in Response.objects.filter(care_plan_id__in=ids).values_list(
        "care_plan", "instrument", "authored", "session"
    ):
        answers[plan_id].append(tuple(answer))  # type: ignore[arg-type]
    instruments = instruments_for(clinic_id)
    return {
        p.pk: _due(
            p, held[p.pk], own[p.pk] or list(DEFAULT_SCHEDULE), answers[p.pk], instruments, None
        )
        for p in plans
    }


def _due(
    plan: CarePlan,
    held: list[TreatmentSession],
    schedule: list[When],
    answers: list[Answer],
    instruments: dict[str, Instrument],
    session: TreatmentSession | None,
) -> list[Instrument]:
    if session is None:
        open_now = [s for s in held if s.is_open]
        session = open_now[-1] if open_now else None
    known = session is not None and session in held
    number = held.index(session) + 1 if known and session is not None else len(held) + 1
    if number > plan.planned_sessions:
        return []
    since = held[number - 2].started_at if number >= 2 else None
    wanted = [w.instrument for w in schedule if w.due_at(number, plan.planned_sessions)]
    session_id = session.pk if session is not None else None
    done = {
        instrument
        for instrument, authored, answered_in in answers
        if (answered_in is None and (since is None or authored > since))
        or (session_id is not None and answered_in == session_id)
    }
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
