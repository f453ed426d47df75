"""Write a clinic's records de-identified: Parquet and CSV per table, and a data dictionary.

Nothing that names or reaches a person leaves: no names, contact details, free text, dates of
birth or exact dates. Each client gets a random research id and a random day 0; ages go in
bands and conditions may be grouped until every combination of the quasi-identifiers is
shared by at least k clients (see anonymity.py)."""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from repattern.accounts.models import Clinic
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import Client, age_on
from repattern.engine.atlas import load_atlas
from repattern.research.anonymity import (
    LADDER,
    NO_CONDITION,
    Combination,
    Person,
    anonymize,
    written,
)
from repattern.research.dictionary import TABLES, markdown, schema

MOST_SHIFT_DAYS = 30
PLAIN_ID = re.compile(r"^[a-z0-9_]{1,100}$")
PLAIN_SITE = re.compile(r"^[a-z0-9_]{1,80}(:[a-z]{1,10})?$")
Rows = dict[str, list[Any]]


class ExportRefused(Exception):
    """The export cannot start, said in words for the person who asked."""


@dataclass(frozen=True)
class ExportReport:
    folder: Path
    clients: int
    kept: int
    generalized: int
    suppressed: int
    rows: dict[str, int]
    bytes: int


def check_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ExportRefused(f"{folder} is a file; name a new or empty folder with --out.")
    if folder.is_dir() and any(folder.iterdir()):
        raise ExportRefused(
            f"{folder} is not empty; name a new or empty folder, so no old file is mixed in."
        )


def plain_id(value: str) -> str:
    """A vocabulary or atlas id as it is; anything typed by hand becomes "other"."""
    return value if PLAIN_ID.match(value) else "other"


def atlas_site(value: str, known: frozenset[str]) -> str:
    """A site as the atlas names it ("psoas_major:left"); anything else becomes "other"."""
    return value if PLAIN_SITE.match(value) and value.split(":")[0] in known else "other"


def _day(moment: date | datetime) -> date:
    return timezone.localdate(moment) if isinstance(moment, datetime) else moment


def research_export(
    clinic: Clinic, folder: Path, *, k: int = 5, region: str = "*", seed: int | None = None
) -> ExportReport:
    if k < 1:
        raise ExportRefused("--k must be at least 1 (5 is usual).")
    check_folder(folder)
    rng: random.Random = random.Random(seed) if seed is not None else random.SystemRandom()
    records = _Records(clinic)
    clients = list(Client.objects.filter(clinic=clinic).values("pk", "date_of_birth", "gender"))
    rng.shuffle(clients)
    today = timezone.localdate()
    people, ids, day0 = [], {}, {}
    for client in clients:
        first = min(records.dates[client["pk"]], default=today)
        conditions = records.conditions.get(client["pk"]) or [NO_CONDITION]
        age = age_on(client["date_of_birth"], first)
        people.append(Person(age, client["gender"], region, plain_id(conditions[0])))
        ids[client["pk"]] = f"r{rng.getrandbits(64):016x}"
        day0[client["pk"]] = date.fromordinal(first.toordinal() - rng.randint(0, MOST_SHIFT_DAYS))
    result = anonymize(people, k)
    clinic_code = f"c{rng.getrandbits(40):010x}"
    table: Rows = defaultdict(list)
    kept: dict[int, str] = {}
    for client, combo, person in zip(clients, result.combinations, people, strict=True):
        if combo is None:
            continue
        kept[client["pk"]] = ids[client["pk"]]
        for name, value in zip(("age_band", "sex", "region", "condition"), combo, strict=True):
            table[name].append(value)
        table["research_id"].append(ids[client["pk"]])
        table["clinic_code"].append(clinic_code)
        table["generalized"].append(combo != _first_level(person))
    tables = {"clients": _by_client(dict(table)), **records.tables(kept, day0)}
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for name, columns in tables.items():
        size += _write(folder, name, columns)
    guide = folder / "data_dictionary.md"
    guide.write_text(markdown(k, result.generalized, result.suppressed), encoding="utf-8")
    size += guide.stat().st_size
    report = ExportReport(
        folder,
        len(clients),
        len(kept),
        result.generalized,
        result.suppressed,
        {name: len(next(iter(cols.values()), [])) for name, cols in tables.items()},
        size,
    )
    with transaction.atomic():
        audit_record(
            clinic=clinic,
            user=None,
            action=AuditAction.RESEARCH_EXPORT,
            record=clinic,
            actor="repattern export research",
            summary=f"k={k}: {report.kept} of {report.clients} clients exported, "
            f"{report.generalized} generalized, {report.suppressed} suppressed",
        )
    return report


def _first_level(person: Person) -> Combination:
    return written(person, LADDER[0])


def _write(folder: Path, name: str, columns: Rows) -> int:
    shape = schema(name)
    data = {field.name: columns.get(field.name, []) for field in shape}
    arrow = pa.Table.from_pydict(data, schema=shape)
    pq.write_table(arrow, folder / f"{name}.parquet", compression="zstd")
    pa_csv.write_csv(arrow, folder / f"{name}.csv")
    return (folder / f"{name}.parquet").stat().st_size + (folder / f"{name}.csv").stat().st_size


class _Records:
    """The clinic's clinical rows, read once in a few queries, keyed by client."""

    def __init__(self, clinic: Clinic) -> None:
        from repattern.clients.models import Intake
        from repattern.outcomes.models import Response
        from repattern.programs.models import HomeProgram
        from repattern.treatment.models import CarePlan, Pattern, SessionEvent, TreatmentSession

        mine = {"client__clinic": clinic}
        self.conditions = {
            row["client_id"]: list(row["conditions"] or [])
            for row in Intake.objects.filter(**mine).values("client_id", "conditions")
        }
        self.plans = list(
            CarePlan.objects.filter(**mine)
            .values(
                "pk", "client_id", "start_date", "closed_at", "planned_sessions", "interval_days"
            )
            .order_by("start_date", "pk")
        )
        self.sessions = list(
            TreatmentSession.objects.filter(**mine)
            .values("pk", "client_id", "care_plan_id", "started_at")
            .order_by("started_at", "pk")
        )
        session_of = {"session__client__clinic": clinic}
        self.tests = Counter(
            {
                row["session_id"]: row["n"]
                for row in SessionEvent.objects.filter(**session_of, kind="test")
                .values("session_id")
                .annotate(n=Count("pk"))
            }
        )
        self.patterns = list(
            Pattern.objects.filter(**session_of)
            .values("session_id", "inhibited", "facilitated", "layer", "status")
            .order_by("session_id", "confirmed_at", "pk")
        )
        self.responses = list(
            Response.objects.filter(**mine)
            .values("client_id", "instrument", "phase", "authored", "session_id", "score")
            .order_by("authored", "pk")
        )
        self.programs = list(HomeProgram.objects.filter(**mine).order_by("created_at", "pk"))
        self.dates: dict[int, list[date]] = defaultdict(list)
        for plan in self.plans:
            self.dates[plan["client_id"]].append(plan["start_date"])
        for session in self.sessions:
            self.dates[session["client_id"]].append(_day(session["started_at"]))
        for response in self.responses:
            self.dates[response["client_id"]].append(_day(response["authored"]))
        for program in self.programs:
            self.dates[program.client_id].append(_day(program.created_at))

    def tables(self, kept: dict[int, str], day0: dict[int, date]) -> dict[str, Rows]:
        from repattern.programs.adherence import adherence_for

        def day(client_id: int, moment: date | datetime | None) -> int | None:
            return None if moment is None else (_day(moment) - day0[client_id]).days

        episodes: Rows = defaultdict(list)
        episode_number: dict[int, int] = {}
        held = Counter(s["care_plan_id"] for s in self.sessions if s["care_plan_id"])
        numbering: Counter[int] = Counter()
        for plan in self.plans:
            who = plan["client_id"]
            if who not in kept:
                continue
            numbering[who] += 1
            episode_number[plan["pk"]] = numbering[who]
            episodes["research_id"].append(kept[who])
            episodes["episode"].append(numbering[who])
            episodes["start_day"].append(day(who, plan["start_date"]))
            episodes["closed_day"].append(day(who, plan["closed_at"]))
            episodes["planned_sessions"].append(plan["planned_sessions"])
            episodes["interval_days"].append(plan["interval_days"])
            episodes["sessions_held"].append(held[plan["pk"]])
        sessions: Rows = defaultdict(list)
        session_number: dict[int, tuple[int, int]] = {}
        patterns_in = Counter(p["session_id"] for p in self.patterns)
        corrected = Counter(p["session_id"] for p in self.patterns if p["status"] == "corrected")
        numbering = Counter()
        for session in self.sessions:
            who = session["client_id"]
            if who not in kept:
                continue
            numbering[who] += 1
            session_number[session["pk"]] = (who, numbering[who])
            sessions["research_id"].append(kept[who])
            sessions["session"].append(numbering[who])
            sessions["episode"].append(episode_number.get(session["care_plan_id"]))
            sessions["day"].append(day(who, session["started_at"]))
            sessions["tests"].append(self.tests[session["pk"]])
            sessions["patterns"].append(patterns_in[session["pk"]])
            sessions["patterns_corrected"].append(corrected[session["pk"]])
        patterns: Rows = defaultdict(list)
        atlas = load_atlas()
        known = frozenset([*atlas.muscles, *atlas.structures])
        for pattern in self.patterns:
            if pattern["session_id"] not in session_number:
                continue
            who, number = session_number[pattern["session_id"]]
            patterns["research_id"].append(kept[who])
            patterns["session"].append(number)
            patterns["inhibited"].append(atlas_site(pattern["inhibited"], known))
            patterns["facilitated"].append(atlas_site(pattern["facilitated"], known))
            patterns["layer"].append(pattern["layer"])
            patterns["status"].append(plain_id(pattern["status"]))
        responses: Rows = defaultdict(list)
        for response in self.responses:
            who = response["client_id"]
            if who not in kept:
                continue
            responses["research_id"].append(kept[who])
            responses["instrument"].append(plain_id(response["instrument"]))
            responses["phase"].append(plain_id(response["phase"]) if response["phase"] else "")
            responses["day"].append(day(who, response["authored"]))
            held_in = session_number.get(response["session_id"])
            responses["session"].append(held_in[1] if held_in else None)
            responses["score"].append(response["score"])
        adherence: Rows = defaultdict(list)
        programs = [p for p in self.programs if p.client_id in kept]
        went = adherence_for(programs)
        numbering = Counter()
        for program in programs:
            who = program.client_id
            numbering[who] += 1
            how = went[program.pk]
            adherence["research_id"].append(kept[who])
            adherence["program"].append(numbering[who])
            adherence["start_day"].append(day(who, program.created_at))
            adherence["end_day"].append(day(who, program.ended_at))
            adherence["exercises"].append(len(how.exercises))
            adherence["days_done"].append(how.done)
            adherence["days_prescribed"].append(how.prescribed)
        found = {
            "episodes": episodes,
            "sessions": sessions,
            "patterns": patterns,
            "responses": responses,
            "adherence": adherence,
        }
        return {name: _by_client(dict(found[name])) for name in TABLES if name != "clients"}


def _by_client(columns: Rows) -> Rows:
    """Rows in the order of their research ids, which are random, so no order of the
    clinic's own numbering shows through."""
    if not columns:
        return columns
    order = sorted(range(len(columns["research_id"])), key=lambda i: columns["research_id"][i])
    return {name: [values[i] for i in order] for name, values in columns.items()}
