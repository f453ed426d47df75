"""The demo clinic's history: past sessions with signed notes, home programs the clients kept
to (or not), and the practitioners' appointments today and this week.

Everything goes through the same services as a real clinic's: appointments are booked, sessions
started in them, every event recorded through the session rules, sessions finished (which
drafts the home program and the note), notes signed, exercises marked done. The services stamp
their rows with the present, so each session is then moved back to its appointment's time as a
whole, its events spread over the visit in the order and spacing they were recorded (a retest
stays inside its pattern's learning window). Audit rows keep the moment they were written, the
demo's loading. The same seed gives the same history relative to today.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from repattern.accounts.models import Clinic
from repattern.clients.models import Client
from repattern.portal.services import CLIENT_ACTOR, portal_link_create
from repattern.programs.models import AdherenceEntry, HomeProgram, ProgramVersion
from repattern.programs.services import adherence_log
from repattern.treatment import services as treatment
from repattern.treatment.models import (
    Appointment,
    Pattern,
    SessionEvent,
    SessionNote,
    TreatmentSession,
)
from repattern.treatment.services.events import EventInput

SEED = 1130
VISIT = timedelta(minutes=50)
SLOTS = (time(9), time(10, 30), time(12), time(14), time(15, 30), time(17))


@dataclass(frozen=True)
class Story:
    """One client's course of treatment: who treats them, how many sessions, what was found."""

    last_name: str
    practitioner: str
    sessions: int
    pain: tuple[str, str, int]
    # (inhibited, facilitated) pairs the practitioner finds, most often the first ones.
    pairs: tuple[tuple[str, str], ...]
    keeps_to_it: float  # the chance of marking a prescribed exercise done on a day
    quiet_days: int = 0  # stopped marking this many days ago
    last_note_unsigned: bool = False


STORIES = (
    Story(
        "Lopez",
        "alice",
        5,
        ("lower_back", "right", 6),
        (
            ("psoas_major:right", "quadratus_lumborum:right"),
            ("gluteus_maximus:right", "scar:lower_abdomen:right"),
            ("iliacus:right", "thoracolumbar_fascia:midline"),
        ),
        0.8,
    ),
    Story(
        "Becker",
        "alice",
        6,
        ("thigh_outer", "left", 5),
        (
            ("gluteus_medius:left", "tensor_fasciae_latae:left"),
            ("gluteus_maximus:left", "iliotibial_band:left"),
            ("fibularis_longus:left", "tibialis_anterior:left"),
        ),
        0.9,
    ),
    Story(
        "Martin",
        "alice",
        3,
        ("lower_back", "left", 4),
        (
            ("rectus_abdominis:left", "scar:lower_abdomen:midline"),
            ("psoas_major:left", "quadratus_lumborum:left"),
        ),
        0.5,
        quiet_days=5,
        last_note_unsigned=True,
    ),
    Story(
        "Schmidt",
        "alice",
        2,
        ("foot", "right", 6),
        (
            ("tibialis_posterior:right", "plantar_fascia:right"),
            ("gluteus_maximus:right", "biceps_femoris_long_head:right"),
        ),
        0.7,
    ),
    Story(
        "Carter",
        "ben",
        4,
        ("neck_back", "both", 5),
        (
            ("longus_colli:left", "sternocleidomastoid:left"),
            ("longus_colli:right", "scalene_anterior:right"),
            ("trapezius_lower:left", "trapezius_upper:left"),
        ),
        0.75,
    ),
    Story(
        "Shah",
        "ben",
        3,
        ("jaw", "left", 4),
        (
            ("digastric:left", "masseter:left"),
            ("longus_colli:left", "jaw_tmj:left"),
            ("sternocleidomastoid:left", "temporalis:left"),
        ),
        0.6,
        last_note_unsigned=True,
    ),
    Story(
        "Kim",
        "ben",
        2,
        ("shoulder", "right", 5),
        (
            ("serratus_anterior:right", "pectoralis_minor:right"),
            ("supraspinatus:right", "trapezius_upper:right"),
        ),
        0.85,
    ),
    Story(
        "Okafor",
        "ben",
        2,
        ("hip", "right", 5),
        (
            ("gluteus_medius:right", "quadratus_lumborum:right"),
            ("gluteus_maximus:right", "scar:knee:right"),
        ),
        0.4,
        quiet_days=4,
    ),
)
# Who comes today, by practitioner, in the day's slots; then this week's later days.
TODAY = {
    "alice": ("Lopez", "Becker", "Rossi", "Fernandez", "Martin"),
    "ben": ("Carter", "Shah", "Nguyen", "Kim"),
}
FOR_THE_CLIENT = (
    "Do the exercises little and often; stop if anything hurts more than a 3 out of 10.",
    "Good work today. Keep the release gentle and the activation slow.",
    "We found the same pattern as last time, a little weaker: keep going with the program.",
)


class Diary:
    """The demo's bookings so far, so that no practitioner is booked twice at once."""

    def __init__(self, clinic: Clinic, users: dict[str, Any]) -> None:
        self.clinic, self.users = clinic, users
        self.taken: set[tuple[str, datetime]] = set()

    def book(self, client: Client, username: str, day: date, rng: random.Random) -> Appointment:
        free = [s for s in SLOTS if (username, self._at(day, s)) not in self.taken]
        starts_at = self._at(day, rng.choice(free))
        self.taken.add((username, starts_at))
        return treatment.appointment_book(
            client=client,
            practitioner=self.users[username],
            starts_at=starts_at,
            by=self.users["sam"],
            duration_minutes=60,
        )

    @staticmethod
    def _at(day: date, slot: time) -> datetime:
        return timezone.make_aware(datetime.combine(day, slot))


def history_load(clinic: Clinic) -> None:
    """Past sessions, programs and their adherence, then today's and this week's bookings."""
    rng = random.Random(SEED)
    users = {m.user.username: m.user for m in clinic.memberships.select_related("user")}
    clients = {c.last_name: c for c in clinic.clients.all()}
    diary = Diary(clinic, users)
    today = timezone.localdate()
    last_seen = {s.last_name: _course(diary, clients[s.last_name], s, today, rng) for s in STORIES}
    for username, names in TODAY.items():
        for name in names:
            diary.book(clients[name], username, today, rng)
            last_seen[name] = today
    _later_this_week(diary, clients, last_seen, today, rng)


def _later_this_week(
    diary: Diary,
    clients: dict[str, Client],
    last_seen: dict[str, date],
    today: date,
    rng: random.Random,
) -> None:
    """Two visits a day for the rest of the week (Sundays closed), each client at most once
    and three days or more after their last visit."""
    who = {s.last_name: s.practitioner for s in STORIES}
    who.update({name: user for user, names in TODAY.items() for name in names})
    for ahead in range(1, 7 - today.weekday()):
        day = today + timedelta(days=ahead)
        due = sorted(n for n, seen in last_seen.items() if (day - seen).days >= 3)
        if day.weekday() == 6 or not due:
            continue
        for name in rng.sample(due, min(2, len(due))):
            diary.book(clients[name], who[name], day, rng)
            last_seen[name] = day + timedelta(days=365)


def _course(diary: Diary, client: Client, story: Story, today: date, rng: random.Random) -> date:
    """The client's sessions, a week or so apart, the last a few days ago; and between them
    the days they marked their exercises done. Returns the day of the last session."""
    days: list[date] = []
    day = today - timedelta(days=rng.randint(3, 6))
    for _ in range(story.sessions):
        days.append(day - timedelta(days=1) if day.weekday() == 6 else day)
        day -= timedelta(days=rng.randint(6, 10))
    days.reverse()
    for number, held_on in enumerate(days, start=1):
        last = number == len(days)
        session = _session(diary, client, story, held_on, rng, first=number == 1)
        if not (last and story.last_note_unsigned):
            note = SessionNote.objects.get(session=session)
            treatment.note_sign(note=note, user=session.practitioner, text=_text(note))
            _signed_back(session)
        if last:
            treatment.note_for_client_save(
                session=session, user=session.practitioner, text=rng.choice(FOR_THE_CLIENT)
            )
        until = days[number] if not last else today
        _adherence(client, story, held_on, until, rng)
    return days[-1]


def _session(
    diary: Diary, client: Client, story: Story, day: date, rng: random.Random, first: bool
) -> TreatmentSession:
    appointment = diary.book(client, story.practitioner, day, rng)
    practitioner = appointment.practitioner
    region, side, pain = story.pain
    session = treatment.session_start(
        client=client,
        practitioner=practitioner,
        pain_before=[(region, side, max(1, pain - rng.randint(0, 2)))],
        appointment=appointment,
    )
    found = [story.pairs[0]] if first else rng.sample(story.pairs, rng.randint(1, 2))
    for inhibited, facilitated in found:
        _pattern(session, practitioner, story, inhibited, facilitated, rng)
    treatment.session_finish(
        session=session,
        user=practitioner,
        pain_after=[(region, side, max(0, pain - rng.randint(2, 4)))],
        after_effects=rng.choice([[], [], ["soreness"], ["fatigue"]]),
        after_effects_note="",
    )
    _move_back(session, appointment)
    return session


def _pattern(
    session: TreatmentSession,
    user: Any,
    story: Story,
    inhibited: str,
    facilitated: str,
    rng: random.Random,
) -> None:
    """Test weak, a challenge or two, confirm, release, activate, retest: one pattern."""

    def record(**fields: Any) -> Any:
        event = EventInput(event_id=uuid.uuid4(), **fields)
        return treatment.event_record(session=session, user=user, event=event).event

    record(kind="test", site=inhibited, result="weak")
    others = [f for _, f in story.pairs if f != facilitated]
    if others and rng.random() < 0.6:
        wrong = rng.choice(others)
        record(kind="challenge", site=inhibited, candidate=wrong, challenge="touch", result="weak")
    record(
        kind="challenge", site=inhibited, candidate=facilitated, challenge="touch", result="holds"
    )
    pattern = record(kind="confirm", site=inhibited, candidate=facilitated).pattern
    record(kind="release", pattern_id=pattern.pk)
    record(kind="activation", pattern_id=pattern.pk)
    retest = "holds" if rng.random() < 0.85 else "weak"
    record(kind="retest", pattern_id=pattern.pk, result=retest)


def _move_back(session: TreatmentSession, appointment: Appointment) -> None:
    """Move the session, its events, patterns, note and program version to the appointment's
    time. The events keep their order; the gaps between them grow to fill the visit, but never
    so much that a retest leaves its pattern's learning window."""
    began = session.started_at
    events = list(session.events.order_by("recorded_at", "id"))
    patterns = list(session.patterns.all())
    span = max(((e.recorded_at - began).total_seconds() for e in events), default=0.0)
    stretch = (VISIT - timedelta(minutes=10)).total_seconds() / span if span else 1.0
    for pattern in patterns:
        if pattern.ended_at is not None:
            taken = (pattern.ended_at - pattern.confirmed_at).total_seconds()
            if taken > 0:
                stretch = min(stretch, 0.8 * pattern.window_seconds / taken)
    start = appointment.starts_at + timedelta(minutes=5)

    def moved(at: datetime) -> datetime:
        return start + (at - began) * stretch

    for event in events:
        SessionEvent.objects.filter(pk=event.pk).update(recorded_at=moved(event.recorded_at))
    for pattern in patterns:
        Pattern.objects.filter(pk=pattern.pk).update(
            confirmed_at=moved(pattern.confirmed_at),
            ended_at=moved(pattern.ended_at) if pattern.ended_at else None,
        )
    ended = start + VISIT
    TreatmentSession.objects.filter(pk=session.pk).update(started_at=start, ended_at=ended)
    Appointment.objects.filter(pk=appointment.pk).update(
        created_at=appointment.starts_at - timedelta(days=7)
    )
    for version in ProgramVersion.objects.filter(made_from=session):
        ProgramVersion.objects.filter(pk=version.pk).update(created_at=ended)
        if version.number == 1:
            HomeProgram.objects.filter(pk=version.program_id).update(created_at=ended)
    session.refresh_from_db()


def _text(note: SessionNote) -> treatment.NoteText:
    return treatment.NoteText(
        subjective=note.subjective,
        objective=note.objective,
        assessment=note.assessment,
        plan=note.plan,
    )


def _signed_back(session: TreatmentSession) -> None:
    signed = session.ended_at + timedelta(minutes=15) if session.ended_at else None
    SessionNote.objects.filter(session=session, signed_at__isnull=False).update(signed_at=signed)


def _adherence(client: Client, story: Story, since: date, until: date, rng: random.Random) -> None:
    """The days after a session on which the client marked each exercise done, on the portal
    in the evening, with their pain now and then; up to yesterday."""
    program = client.home_programs.filter(ended_at__isnull=True).first()
    version = program.current() if program else None
    if program is None or version is None:
        return
    keys = list(version.exercises.values_list("key", flat=True))
    today = timezone.localdate()
    stop = today - timedelta(days=story.quiet_days) if story.quiet_days else today
    day = since + timedelta(days=1)
    while day < min(until, stop):
        for key in keys:
            if rng.random() < story.keeps_to_it:
                pain = rng.choice([None, None, rng.randint(0, 5)])
                entry = adherence_log(
                    program=program,
                    key=key,
                    day=day,
                    pain=pain,
                    entered_by=AdherenceEntry.EnteredBy.CLIENT,
                    actor=CLIENT_ACTOR,
                )
                evening = timezone.make_aware(datetime.combine(day, time(19, rng.randint(0, 59))))
                AdherenceEntry.objects.filter(pk=entry.pk).update(logged_at=evening)
        day += timedelta(days=1)


def portal_link(clinic: Clinic, base_url: str) -> tuple[str, str]:
    """A fresh portal sign-in link for the first demo client, e-mailed to her through the
    outbox like any other; her name and the address, for the person trying the demo to open."""
    from django.urls import reverse

    client = clinic.clients.get(last_name=STORIES[0].last_name)
    sender = clinic.memberships.get(user__username=STORIES[0].practitioner).user
    _, token = portal_link_create(client=client, user=sender)
    return client.full_name, base_url + reverse("portal_start", kwargs={"token": token})
