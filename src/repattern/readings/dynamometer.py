"""Reading a handheld dynamometer's CSV file of force readings, whole or not at all.

The header names the columns, in any order: `muscle`, `side` and the peak force in newtons
(`peak_force_n`, `force_n`, `newtons` or `force`) are needed; `time` and `trial` may be given.
Muscles are named by atlas id, name or alias, in any case. A file with any problem is refused
whole, and the error lists every problem by line and column so it can be fixed in one pass.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from repattern.engine.atlas import Atlas
from repattern.engine.atlas.search import normalize

MAX_BYTES = 1_000_000
MAX_NEWTONS = Decimal("2000")  # beyond any handheld dynamometer's range
MAX_ROWS = 2_000
COLUMN_NAMES = {
    "muscle": "muscle",
    "side": "side",
    "peak_force_n": "newtons",
    "peak_force": "newtons",
    "force_n": "newtons",
    "force": "newtons",
    "newtons": "newtons",
    "time": "time",
    "taken_at": "time",
    "trial": "trial",
}
REQUIRED = ("muscle", "side", "newtons")
SIDES = {"left": "left", "l": "left", "right": "right", "r": "right"}
_HEADER = re.compile(r"[^a-z0-9]+")
Report = Callable[[str, str], None]  # (column, message) of a problem on the current line


@dataclass(frozen=True)
class ImportProblem:
    """One problem in the file: its line (1-based), the column, and what to fix."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.column}: {self.message}"


class DynamometerFileError(ValueError):
    """The file was refused whole; `.problems` lists every problem by line and column."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class ParsedReading:
    line: int
    muscle: str  # atlas id
    side: str
    newtons: Decimal
    trial: int | None
    taken_at: datetime | None


class MuscleNames:
    """Resolves what a file calls a muscle (id, name or alias, any case) to its atlas id."""

    def __init__(self, atlas: Atlas) -> None:
        self.ids: dict[str, set[str]] = {}
        for muscle in atlas.muscles.values():
            for text in (muscle.id, muscle.name, *muscle.aliases):
                self.ids.setdefault(normalize(text), set()).add(muscle.id)

    def resolve(self, text: str) -> tuple[str | None, str]:
        """The muscle's id, or None and a sentence with suggestions."""
        found = self.ids.get(normalize(text), set())
        if len(found) == 1:
            return next(iter(found)), ""
        if found:
            return None, f"{text!r} could mean {', '.join(sorted(found))}; write the id"
        close = difflib.get_close_matches(normalize(text), list(self.ids), n=3, cutoff=0.6)
        ids = list(dict.fromkeys(sorted(self.ids[c])[0] for c in close))
        hint = f"; did you mean {' or '.join(repr(i) for i in ids)}?" if ids else ""
        return None, f"{text!r} is not a muscle in the atlas{hint}"


def parse_readings(data: bytes, atlas: Atlas, day: date) -> list[ParsedReading]:
    """The file's readings, or DynamometerFileError listing every problem; `day` dates times
    written without a date."""
    problems: list[ImportProblem] = []
    text = _text(data, problems)
    readings = _readings(text, MuscleNames(atlas), day, problems) if text is not None else []
    if problems:
        raise DynamometerFileError(problems)
    return readings


def _text(data: bytes, problems: list[ImportProblem]) -> str | None:
    if len(data) > MAX_BYTES:
        problems.append(
            ImportProblem(1, "file", f"is larger than {MAX_BYTES:,} bytes; split it into parts")
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(
            ImportProblem(
                line,
                "file",
                "is not UTF-8 text; export it from the dynamometer's software as CSV (UTF-8)",
            )
        )
        return None
    if not text.strip():
        problems.append(
            ImportProblem(1, "file", "is empty; the first line should be muscle,side,peak_force_n")
        )
        return None
    return text


def _header(row: list[str], problems: list[ImportProblem]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, raw in enumerate(row):
        name = _HEADER.sub("_", raw.strip().lower()).strip("_")
        known = COLUMN_NAMES.get(name)
        if known is None:
            continue  # Dynamometer software adds its own columns; they are not read.
        if known in columns:
            problems.append(ImportProblem(1, raw.strip(), "names a column given twice"))
        columns[known] = index
    for needed in REQUIRED:
        if needed not in columns:
            problems.append(
                ImportProblem(
                    1,
                    needed,
                    "column is missing; the header needs muscle, side and peak_force_n",
                )
            )
    return columns


def _readings(
    text: str, names: MuscleNames, day: date, problems: list[ImportProblem]
) -> list[ParsedReading]:
    reader = csv.reader(io.StringIO(text))
    try:
        columns = _header(next(reader), problems)
        if any(p.line == 1 for p in problems):
            return []
        readings: list[ParsedReading] = []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(readings) >= MAX_ROWS:
                problems.append(
                    ImportProblem(
                        reader.line_num, "file", f"has more than {MAX_ROWS:,} readings; split it"
                    )
                )
                break
            reading = _reading(reader.line_num, values, columns, names, day, problems)
            if reading is not None:
                readings.append(reading)
    except csv.Error as error:
        problems.append(ImportProblem(reader.line_num, "file", f"is not valid CSV ({error})"))
        return []
    if not readings and not problems:
        problems.append(ImportProblem(2, "file", "holds no readings under the header"))
    return readings


def _reading(
    line: int,
    values: list[str],
    columns: dict[str, int],
    names: MuscleNames,
    day: date,
    problems: list[ImportProblem],
) -> ParsedReading | None:
    def cell(column: str) -> str:
        index = columns.get(column)
        return values[index].strip() if index is not None and index < len(values) else ""

    before = len(problems)

    def problem(column: str, message: str) -> None:
        problems.append(ImportProblem(line, column, message))

    muscle = None
    if not cell("muscle"):
        problem("muscle", "is empty; name the muscle tested")
    else:
        muscle, why = names.resolve(cell("muscle"))
        if muscle is None:
            problem("muscle", why)
    side = SIDES.get(cell("side").lower())
    if side is None:
        problem("side", f"{cell('side')!r} is not a side; write left or right")
    newtons = _newtons(cell("newtons"), problem)
    trial = _trial(cell("trial"), problem)
    taken_at = _time(cell("time"), day, problem)
    if len(problems) > before or muscle is None or side is None or newtons is None:
        return None
    return ParsedReading(line, muscle, side, newtons, trial, taken_at)


def _newtons(text: str, problem: Report) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        problem("newtons", f"{text!r} is not a number of newtons")
        return None
    if not value.is_finite() or not (0 < value <= MAX_NEWTONS):
        problem("newtons", f"{text!r} is outside 0 to {MAX_NEWTONS} N")
        return None
    value = value.quantize(Decimal("0.1"))
    if value == 0:
        problem("newtons", f"{text!r} rounds to 0.0 N; a reading is at least 0.1 N")
        return None
    return value


def _trial(text: str, problem: Report) -> int | None:
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not (1 <= int(text) <= 99):
        problem("trial", f"{text!r} is not a trial number from 1 to 99")
        return None
    return int(text)


def _time(text: str, day: date, problem: Report) -> datetime | None:
    if not text:
        return None
    try:
        if len(text) <= 8:
            moment = datetime.combine(day, time.fromisoformat(text))
        else:
            moment = datetime.fromisoformat(text)
    except ValueError:
        problem("time", f"{text!r} is not a time; write 14:05:30 or 2026-11-30T14:05:30")
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment
