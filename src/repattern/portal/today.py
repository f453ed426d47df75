"""What the portal shows a client: their next appointments, today's exercises with what they
have marked done this week, and the notes their practitioner wrote for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.safestring import SafeString

from repattern.clients.models import Client
from repattern.programs.documents import shown
from repattern.programs.models import AdherenceEntry, Exercise, HomeProgram, ProgramVersion
from repattern.programs.services.programs import active_program
from repattern.treatment.models import Appointment, TreatmentSession

DAYS_SHOWN = 7


@dataclass(frozen=True)
class Day:
    day: date
    done: bool
    pain: int | None


@dataclass(frozen=True)
class ExerciseToday:
    """One exercise on the portal: its text, today's mark and the week's."""

    exercise: Exercise
    figure: SafeString
    today: Day
    week: list[Day]

    @property
    def days_done(self) -> int:
        return sum(d.done for d in self.week)


@dataclass(frozen=True)
class Program:
    program: HomeProgram
    version: ProgramVersion
    exercises: list[ExerciseToday]

    @property
    def all_done_today(self) -> bool:
        return all(e.today.done for e in self.exercises)


def next_appointments(client: Client, limit: int = 5) -> list[Appointment]:
    return list(
        Appointment.objects.filter(
            client=client, status=Appointment.Status.BOOKED, starts_at__gte=timezone.now()
        )
        .select_related("practitioner")
        .order_by("starts_at")[:limit]
    )


def todays_program(client: Client, today: date | None = None) -> Program | None:
    today = today or timezone.localdate()
    program = active_program(client)
    version = program.current() if program else None
    if program is None or version is None:
        return None
    start = max(today - timedelta(days=DAYS_SHOWN - 1), timezone.localdate(program.created_at))
    marks = {
        (entry.key, entry.day): entry
        for entry in AdherenceEntry.objects.filter(program=program, day__gte=start, day__lte=today)
    }
    days = [start + timedelta(days=n) for n in range((today - start).days + 1)]
    exercises = []
    for item in shown(version, client.clinic_id):
        week = []
        for day in days:
            entry = marks.get((item.exercise.key, day))
            week.append(Day(day, entry is not None, entry.pain if entry else None))
        exercises.append(ExerciseToday(item.exercise, item.figure, week[-1], week))
    return Program(program, version, exercises)


def exercise_today(client: Client, key: str) -> ExerciseToday | None:
    found = todays_program(client)
    if found is None:
        return None
    return next((e for e in found.exercises if e.exercise.key == key), None)


@dataclass(frozen=True)
class NoteForClient:
    written_on: date
    by: str
    text: str


def notes_for_client(client: Client, limit: int | None = None) -> list[NoteForClient]:
    """The practitioner's notes for the client, newest first: those written with a session and
    those written with a home program version."""
    notes = [
        NoteForClient(
            timezone.localdate(s.started_at),
            s.practitioner.get_full_name() or s.practitioner.get_username(),
            s.note_for_client,
        )
        for s in TreatmentSession.objects.filter(client=client)
        .exclude(note_for_client="")
        .select_related("practitioner")
    ]
    notes += [
        NoteForClient(
            timezone.localdate(v.created_at),
            v.created_by.get_full_name() or v.created_by.get_username(),
            v.note_for_client,
        )
        for v in ProgramVersion.objects.filter(program__client=client)
        .exclude(note_for_client="")
        .select_related("created_by")
    ]
    notes.sort(key=lambda n: n.written_on, reverse=True)
    # A program's note is carried into each new version: show each text once, newest first.
    unique: list[NoteForClient] = []
    for note in notes:
        if all(note.text != kept.text for kept in unique):
            unique.append(note)
    return unique[:limit] if limit else unique
