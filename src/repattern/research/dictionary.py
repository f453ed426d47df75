"""Every table and column of the research export: its type and meaning, in one place.

The Parquet schemas and the data dictionary file are both made from these lines."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "text", "integer", "number" or "yes/no"
    meaning: str


TYPES = {"text": pa.string(), "integer": pa.int64(), "number": pa.float64(), "yes/no": pa.bool_()}

DAY = (
    "days since the client's day 0; day 0 is a random 0 to 30 days before their first record, "
    "so days are intervals, never dates"
)
CLIENT = Column("research_id", "text", "the client's random research id, new at every export")
CLINIC = Column("clinic_code", "text", "a random code for the clinic, new at every export")

TABLES: dict[str, tuple[str, tuple[Column, ...]]] = {
    "clients": (
        "One row per client kept after k-anonymity.",
        (
            CLIENT,
            CLINIC,
            Column(
                "age_band",
                "text",
                "age at the first record in 5-year bands (30-34), 10-year bands (30-39) when "
                "generalized, 90+ for 90 and over, * when not given",
            ),
            Column("sex", "text", "female, male, other, unknown, or * when not given"),
            Column("region", "text", "the coarse region the exporter named, or * when not given"),
            Column(
                "condition",
                "text",
                "the first condition on the intake (vocabulary id), group:<name> when "
                "generalized to its group, none, or * when not given",
            ),
            Column("generalized", "yes/no", "true when any of the four above was coarsened"),
        ),
    ),
    "episodes": (
        "One row per care plan (episode of care). The complaint and goals are free text: left out.",
        (
            CLIENT,
            Column("episode", "integer", "the episode's number for this client, from 1"),
            Column("start_day", "integer", "the day the plan started; " + DAY),
            Column("closed_day", "integer", "the day it was closed, empty while open"),
            Column("planned_sessions", "integer", "sessions planned"),
            Column("interval_days", "integer", "days planned between sessions"),
            Column("sessions_held", "integer", "sessions recorded under the plan"),
        ),
    ),
    "sessions": (
        "One row per treatment session. Notes and after-effect words are left out.",
        (
            CLIENT,
            Column("session", "integer", "the session's number for this client, from 1"),
            Column("episode", "integer", "the episode it belongs to, empty if none"),
            Column("day", "integer", "the day of the session; " + DAY),
            Column("tests", "integer", "muscle tests recorded"),
            Column("patterns", "integer", "patterns confirmed"),
            Column("patterns_corrected", "integer", "patterns corrected on retest"),
        ),
    ),
    "patterns": (
        "One row per confirmed pattern: atlas ids of the muscles, not identifying.",
        (
            CLIENT,
            Column("session", "integer", "the session's number for this client"),
            Column("inhibited", "text", "atlas id of the inhibited muscle or site, other if typed"),
            Column("facilitated", "text", "atlas id of the facilitated (compensating) one"),
            Column("layer", "integer", "the layer the pattern was found in, from 1"),
            Column("status", "text", "confirmed, corrected, not_corrected or deferred"),
        ),
    ),
    "responses": (
        "One row per outcome measure answered: its total score only, never the item answers.",
        (
            CLIENT,
            Column("instrument", "text", "the instrument's id, e.g. nprs"),
            Column("phase", "text", "before, after, or empty"),
            Column("day", "integer", "the day it was answered; " + DAY),
            Column("session", "integer", "the session it belongs to, empty if none"),
            Column("score", "number", "the instrument's total score, empty if it has none"),
        ),
    ),
    "adherence": (
        "One row per home program: days done out of days prescribed, over its exercises.",
        (
            CLIENT,
            Column("program", "integer", "the program's number for this client, from 1"),
            Column("start_day", "integer", "the day the program began; " + DAY),
            Column("end_day", "integer", "the day it ended, empty while active"),
            Column("exercises", "integer", "exercises in its current version"),
            Column("days_done", "integer", "exercise-days marked done"),
            Column("days_prescribed", "integer", "exercise-days prescribed up to the export"),
        ),
    ),
}


def schema(table: str) -> pa.Schema:
    return pa.schema([pa.field(c.name, TYPES[c.kind]) for c in TABLES[table][1]])


def markdown(k: int, generalized: int, suppressed: int) -> str:
    lines = [
        "# Data dictionary of a Repattern research export",
        "",
        "Each table is written twice, as `<table>.parquet` and `<table>.csv`, same columns.",
        "",
        "No names, contact details, free text or exact dates are exported. Research ids, the "
        "clinic code and each client's day-0 shift are drawn at random for every export, so "
        "two exports of the same clinic cannot be joined to each other.",
        "",
        f"k-anonymity: every combination of age_band, sex, region and condition in `clients` "
        f"is shared by at least k = {k} clients. {generalized} clients were generalized "
        f"(bands widened, conditions grouped or left out) and {suppressed} were suppressed "
        "(left out of every table).",
        "",
    ]
    for table, (about, columns) in TABLES.items():
        lines += [f"## {table}", "", about, "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| {c.name} | {c.kind} | {c.meaning} |" for c in columns]
        lines.append("")
    return "\n".join(lines)
