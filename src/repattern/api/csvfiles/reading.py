"""Reading a practice-management system's client list: the file, its columns, its dates.

Every problem is named by line and column; a file with any problem imports nothing."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000

# What Repattern keeps, and the column names common practice-management exports give it.
TARGETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "first_name": ("First name", ("firstname", "first", "givenname", "forename", "given")),
    "last_name": ("Last name", ("lastname", "last", "surname", "familyname")),
    "date_of_birth": (
        "Date of birth",
        ("dateofbirth", "dob", "birthdate", "birthday", "dateofbirthyyyymmdd", "born"),
    ),
    "preferred_name": ("Preferred name", ("preferredname", "nickname", "knownas")),
    "gender": ("Gender", ("gender", "sex", "genderidentity")),
    "phone": (
        "Phone",
        (
            "mobile",
            "mobilephone",
            "mobilenumber",
            "cellphone",
            "cell",
            "phone",
            "phonenumber",
            "homephone",
            "telephone",
        ),
    ),
    "email": ("E-mail", ("email", "emailaddress", "e-mail")),
    "notes": ("Notes", ("notes", "note", "comments", "generalnotes")),
}
REQUIRED = ("first_name", "last_name", "date_of_birth")
DATE_FORMATS = {
    "%Y-%m-%d": "YYYY-MM-DD (2024-03-14)",
    "%d/%m/%Y": "DD/MM/YYYY (14/03/2024)",
    "%m/%d/%Y": "MM/DD/YYYY (03/14/2024)",
    "%d.%m.%Y": "DD.MM.YYYY (14.03.2024)",
}
GENDERS = {
    "f": "female", "female": "female", "w": "female", "woman": "female",
    "m": "male", "male": "male", "man": "male",
    "o": "other", "other": "other", "x": "other", "nonbinary": "other",
    "": "unknown", "u": "unknown", "unknown": "unknown", "prefernottosay": "unknown",
    "notstated": "unknown",
}  # fmt: skip


class Unreadable(ValueError):
    """The file as a whole cannot be read; the message says how to fix it."""


@dataclass
class Table:
    name: str
    columns: list[str]
    rows: list[tuple[int, list[str]]]  # (line in the file, cells)


@dataclass
class Problem:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column '{self.column}'" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class Checked:
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise Unreadable(
            f"The file is {size / 1024 / 1024:.0f} MB; import at most "
            f"{MAX_BYTES // 1024 // 1024} MB at a time (split it into several files)."
        )


def decode(raw: bytes) -> str:
    check_size(len(raw))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Unreadable(
            f"The file is not UTF-8 text (byte {error.start + 1} is not): in the spreadsheet, "
            "save it again as 'CSV UTF-8'."
        ) from error


def read_table(text: str, name: str) -> Table:
    if "\x00" in text:
        raise Unreadable("The file holds binary data: choose a CSV file exported as text.")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise Unreadable("The file is empty: its first line should name the columns.")
        columns = [cell.strip() for cell in header]
        repeated = sorted({c for c in columns if c and columns.count(c) > 1})
        if repeated:
            raise Unreadable(f"Line 1 names a column twice: {', '.join(repeated)}.")
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            rows.append((reader.line_num, cells))
            if len(rows) > MAX_ROWS:
                raise Unreadable(f"The file has more than {MAX_ROWS} clients: split it.")
    except csv.Error as error:
        raise Unreadable(f"Line {reader.line_num}: the file is not valid CSV ({error}).") from error
    if not rows:
        raise Unreadable("The file names its columns but holds no clients.")
    return Table(name, columns, rows)


def guess_mapping(columns: list[str]) -> dict[str, str]:
    """The column each target most likely sits in, by the names systems give them."""
    keyed = {_key(c): c for c in columns}
    found = {}
    for target, (_, names) in TARGETS.items():
        match = next((keyed[n] for n in names if n in keyed), "")
        found[target] = match
    return found


def guess_date_format(table: Table, column: str) -> str:
    if not column:
        return "%Y-%m-%d"
    index = table.columns.index(column)
    values = [cells[index] for _, cells in table.rows[:200] if index < len(cells)]
    for fmt in DATE_FORMATS:
        if all(_parse_date(v.strip(), fmt) for v in values if v.strip()):
            return fmt
    return "%Y-%m-%d"


def _parse_date(value: str, fmt: str) -> date | None:
    try:
        return datetime.strptime(value, fmt).date()
    except ValueError:
        return None


def check_rows(table: Table, mapping: dict[str, str], date_format: str) -> Checked:
    """Each row as a client's details, or the problems with it, by line and column."""
    checked = Checked()
    missing = [TARGETS[t][0] for t in REQUIRED if not mapping.get(t)]
    if missing:
        checked.problems.append(
            Problem(1, "", f"choose the column that holds: {', '.join(missing)}.")
        )
        return checked
    index = {t: table.columns.index(c) for t, c in mapping.items() if c}
    for line, cells in table.rows:
        if len(cells) != len(table.columns):
            checked.problems.append(
                Problem(line, "", f"{len(cells)} cells where line 1 names {len(table.columns)}.")
            )
            continue
        values = {t: cells[i].strip() for t, i in index.items()}
        details: dict[str, object] = {t: v for t, v in values.items() if t != "date_of_birth"}
        for target in REQUIRED:
            if not values[target]:
                checked.problems.append(Problem(line, mapping[target], "is empty."))
        born = values["date_of_birth"]
        if born:
            parsed = _parse_date(born, date_format)
            if parsed is None:
                wanted = DATE_FORMATS[date_format].split(" ")[0]
                message = f"'{born[:40]}' is not a date written {wanted}."
                checked.problems.append(Problem(line, mapping["date_of_birth"], message))
            details["date_of_birth"] = parsed
        if "gender" in values:
            gender = GENDERS.get(_key(values["gender"]))
            if gender is None:
                message = f"'{values['gender'][:40]}' is not a gender: use F, M, other or blank."
                checked.problems.append(Problem(line, mapping["gender"], message))
            details["gender"] = gender or "unknown"
        checked.rows.append((line, details))
    return checked
