"""How the home program went: per exercise, the days done out of the days prescribed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from repattern.programs.models import AdherenceEntry, Exercise, HomeProgram, ProgramVersion


@dataclass(frozen=True)
class ExerciseAdherence:
    key: str
    title: str
    done: int
    prescribed: int

    @property
    def share(self) -> float:
        return self.done / self.prescribed if self.prescribed else 0.0

    def words(self) -> str:
        return f"{self.done} of {self.prescribed} day{'s' if self.prescribed != 1 else ''}"


@dataclass(frozen=True)
class ProgramAdherence:
    program: HomeProgram
    exercises: list[ExerciseAdherence]
    last_logged: date | None
    today: date

    @property
    def done(self) -> int:
        return sum(e.done for e in self.exercises)

    @property
    def prescribed(self) -> int:
        return sum(e.prescribed for e in self.exercises)

    @property
    def share(self) -> float:
        return self.done / self.prescribed if self.prescribed else 0.0

    @property
    def days_quiet(self) -> int:
        """Days since the client last marked anything done, or since the program began."""
        began = timezone.localdate(self.program.created_at)
        return (self.today - max(self.last_logged or began, began)).days

    @property
    def percent_done(self) -> int:
        return round(100 * self.share)


def adherence_for(
    programs: Iterable[HomeProgram], since: dict[int, date] | None = None, today: date | None = None
) -> dict[int, ProgramAdherence]:
    """Adherence of each program (by program id), counted from `since[program id]` when given,
    else from when each exercise was first prescribed, to today. Three queries for any number
    of programs."""
    today = today or timezone.localdate()
    programs = list(programs)
    ids = [p.pk for p in programs]
    since = since or {}
    current: dict[int, ProgramVersion] = {}
    for version in ProgramVersion.objects.filter(program_id__in=ids).order_by("number"):
        current[version.program_id] = version
    first_day: dict[tuple[int, str], date] = {}
    exercises: dict[int, list[Exercise]] = defaultdict(list)
    rows = Exercise.objects.filter(version__program_id__in=ids).select_related("version")
    for exercise in rows.order_by("version__number", "order"):
        program_id = exercise.version.program_id
        first_day.setdefault(
            (program_id, exercise.key), timezone.localdate(exercise.version.created_at)
        )
        if current.get(program_id) == exercise.version:
            exercises[program_id].append(exercise)
    counts: dict[tuple[int, str], int] = defaultdict(int)
    last: dict[int, date] = {}
    logged = AdherenceEntry.objects.filter(program_id__in=ids, day__lte=today).values(
        "program_id", "key", "day"
    )
    for row in logged:
        program_id, day = row["program_id"], row["day"]
        last[program_id] = max(last.get(program_id, day), day)
        prescribed_from = first_day.get((program_id, row["key"]))
        if prescribed_from is not None and day >= max(prescribed_from, since.get(program_id, day)):
            counts[(program_id, row["key"])] += 1
    result = {}
    for program in programs:
        end = min(today, timezone.localdate(program.ended_at)) if program.ended_at else today
        rows_for = []
        for exercise in exercises[program.pk]:
            start = max(first_day[(program.pk, exercise.key)], since.get(program.pk, date.min))
            prescribed = max(0, (end - start).days + 1)
            done = min(counts[(program.pk, exercise.key)], prescribed)
            rows_for.append(ExerciseAdherence(exercise.key, exercise.title, done, prescribed))
        result[program.pk] = ProgramAdherence(program, rows_for, last.get(program.pk), today)
    return result


def client_adherence(client_id: int) -> ProgramAdherence | None:
    """How the client's active home program has gone since it began; None without one."""
    program = HomeProgram.objects.filter(client_id=client_id, ended_at__isnull=True).first()
    return adherence_for([program])[program.pk] if program is not None else None
