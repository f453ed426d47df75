"""How long recording a session event and getting the new ranking takes, on a full database.

Issue 5 asks for p95 server time under 50 ms with 10,000 clients and 100,000 events, on SQLite
and on PostgreSQL. The bench seeds one clinic of that size, then plays sessions with random
clients: a common muscle tests weak, the suggested candidates are challenged, and most findings
end in a pattern that is confirmed, released, activated and retested. Each event is timed on
two paths:

    service  event_record() and session_state(), as the view calls them
    http     POST /sessions/<id>/events/ through django.test.Client, as the page sends it,
             answered with the rendered state

The headline is test and challenge events, the issue's "record a test, get the new ranking";
the pattern steps are reported apart. Wall time is the figure; CPU time of this process is
shown beside it, as the machine may be busy with other work (for PostgreSQL it leaves out the
server's share).

Run with `uv run repattern bench session [--database-url URL] [--keep]`. Prints figures; never
passes or fails.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from tqdm import tqdm

BENCH_CLINIC = "Bench Clinic"
TARGET_MS = 50.0
KEPT_SQLITE = Path(tempfile.gettempdir()) / "repattern-bench" / "session.sqlite3"
SIDES = ("left", "right")
FULL = {"clients": 10_000, "events": 100_000, "samples": 300}
QUICK = {"clients": 60, "events": 500, "samples": 16}

# fmt: off
# Muscles practitioners test most; any the atlas does not know are left out.
COMMON_MUSCLES = (
    "psoas_major", "gluteus_medius", "gluteus_maximus", "trapezius_upper", "quadratus_lumborum",
    "rectus_abdominis", "latissimus_dorsi", "serratus_anterior", "sternocleidomastoid",
    "scalene_anterior", "tensor_fasciae_latae", "rectus_femoris", "tibialis_anterior",
    "pectoralis_major_clavicular", "biceps_femoris_long_head", "gluteus_minimus",
    "trapezius_lower", "iliacus", "piriformis", "vastus_lateralis",
)
STRUCTURES = (
    "jaw_tmj:left", "jaw_tmj:right", "diaphragm:midline", "eyes_gaze:midline",
    "thoracolumbar_fascia:midline", "hyoid_throat:midline",
)
FIRST_NAMES = (
    "Maria", "Ana", "Lena", "Priya", "Chloe", "Aisha", "Emma", "Yuki", "Sofia", "Zoe", "James",
    "Omar", "Liam", "Ravi", "Tom", "Diego", "Noah", "Felix", "Hugo", "Sam",
)
LAST_NAMES = (
    "Lopez", "Smith", "Okafor", "Nguyen", "Patel", "Kowalski", "Müller", "Rossi", "Brown",
    "Tanaka", "Silva", "Dubois", "Jensen", "Murphy", "Cohen", "Haddad",
)
SCARS = (
    ("Appendectomy", "lower_abdomen", "right"), ("Caesarean section", "lower_abdomen", "midline"),
    ("Knee arthroscopy", "knee", "left"), ("Knee arthroscopy", "knee", "right"),
    ("Shoulder repair", "shoulder", "right"), ("Hernia repair", "groin", "left"),
    ("Spinal surgery", "lower_back", "midline"), ("Wisdom teeth", "jaw", "left"),
)
INJURIES = (
    ("sprain", "ankle", "left"), ("sprain", "ankle", "right"),
    ("whiplash", "neck_back", "midline"), ("fracture", "wrist", "right"),
    ("strain", "thigh_back", "left"), ("impact", "hip", "right"), ("tear", "knee", "left"),
    ("accident", "lower_back", "midline"),
)
PAIN_AREAS = (
    ("lower_back", "midline"), ("lower_back", "right"), ("neck_back", "left"),
    ("shoulder", "right"), ("hip", "left"), ("knee", "right"), ("jaw", "left"),
    ("upper_back", "midline"), ("head", "midline"), ("foot", "left"),
)
CONDITIONS = (
    "low_back_pain", "neck_pain", "jaw_tmj_pain", "headache_migraine", "whiplash", "hip_bursitis",
    "plantar_fasciitis", "frozen_shoulder", "stress", "knee_strain",
)
# fmt: on


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="repattern bench session",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="e.g. postgres://postgres@127.0.0.1:5432/repattern_bench "
        "(default: a fresh SQLite file in a temporary directory)",
    )
    parser.add_argument("--clients", type=int, help=f"default {FULL['clients']:,}")
    parser.add_argument("--events", type=int, help=f"default {FULL['events']:,}")
    parser.add_argument(
        "--samples",
        type=int,
        help=f"test and challenge calls to time on each path, default {FULL['samples']}",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the seeded database and reuse it when the sizes match",
    )
    parser.add_argument("--quick", action="store_true", help="tiny default sizes, for a smoke test")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="then profile the HTTP path and print where its time goes",
    )
    parser.add_argument("--seed", type=int, default=5, help="random seed")
    args = parser.parse_args(argv)
    for name, value in (QUICK if args.quick else FULL).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.clients < 1 or args.events < 0 or args.samples < 1:
        parser.error("--clients and --samples must be at least 1, --events at least 0.")
    return args


def configure(args: argparse.Namespace, var_dir: Path) -> str:
    """Point the settings at the bench database; returns the database URL."""
    url = args.database_url
    if not url:
        path = KEPT_SQLITE if args.keep else var_dir / "bench.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{path}"
    # Settings read these at import, so they are set before django.setup().
    os.environ["DATABASE_URL"] = url
    os.environ["REPATTERN_VAR_DIR"] = str(var_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "repattern.settings"
    os.environ["DEBUG"] = "false"
    return url


# ---- the database: made, checked, emptied ------------------------------------------------------


def _postgres(url: str) -> tuple[dict[str, Any], str]:
    """Connection arguments for the server's `postgres` database, and the bench database name."""
    import dj_database_url

    db = dj_database_url.parse(url)
    args = {
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    return {k: v for k, v in args.items() if v is not None}, str(db["NAME"])


def create_postgres(url: str, *, drop_first: bool) -> None:
    import psycopg
    from psycopg import sql

    connect, name = _postgres(url)
    with psycopg.connect(**connect) as conn:
        if drop_first:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if found is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_postgres(url: str) -> None:
    import psycopg
    from psycopg import sql

    connect, name = _postgres(url)
    with psycopg.connect(**connect) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def holds_other_data() -> bool:
    """True when the database has clinics the bench did not make: it must not be emptied."""
    from django.db import connection

    from repattern.accounts.models import Clinic

    if "accounts_clinic" not in connection.introspection.table_names():
        return False
    return Clinic.objects.exclude(name__startswith=BENCH_CLINIC).exists()


def seeded_name(args: argparse.Namespace) -> str:
    return f"{BENCH_CLINIC} ({args.clients} clients, {args.events} events, seed {args.seed})"


def is_seeded(args: argparse.Namespace) -> bool:
    """True when a kept database has the bench's data at these sizes, in today's schema."""
    from django.db import connection

    from repattern.accounts.models import Clinic

    if "accounts_clinic" not in connection.introspection.table_names():
        return False
    seeded = list(Clinic.objects.values_list("name", flat=True)) == [seeded_name(args)]
    return seeded and has_every_column()


def has_every_column() -> bool:
    """False when a model has a column the database lacks, as after a migration was rewritten."""
    from django.apps import apps
    from django.db import connection

    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if model._meta.db_table not in tables:
                return False
            described = connection.introspection.get_table_description(cursor, model._meta.db_table)
            columns = {column.name for column in described}
            if any(f.column not in columns for f in model._meta.local_concrete_fields):
                return False
    return True


def empty_database(url: str) -> None:
    from django.db import connection, connections

    if connection.vendor == "postgresql":
        connections.close_all()
        create_postgres(url, drop_first=True)
    else:
        path = Path(connection.settings_dict["NAME"])
        connections.close_all()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)


# ---- seeding ----------------------------------------------------------------------------------


@dataclass
class Seeder:
    """Writes a clinic's worth of records with bulk_create, a few hundred clients at a time."""

    rng: random.Random
    muscles: list[str]
    partners: dict[str, list[str]]
    now: datetime
    clinic: Any = None
    practitioners: list[Any] = field(default_factory=list)

    def run(self, clients: int, events: int, batch: int = 500) -> None:
        from django.db import transaction

        self.clinic, self.practitioners = self._clinic()
        per_client = self._events_per_client(clients, events)
        with tqdm(total=clients, desc="seeding clients", unit="client", disable=None) as bar:
            for start in range(0, clients, batch):
                quotas = per_client[start : start + batch]
                with transaction.atomic():
                    self._batch(start, quotas)
                bar.update(len(quotas))

    def _clinic(self) -> tuple[Any, list[Any]]:
        from django.contrib.auth.models import User

        from repattern.accounts.models import Clinic, Membership, Role

        clinic = Clinic.objects.create(name=f"{BENCH_CLINIC} (seeding)")
        users = []
        for name in ("alice", "pedro"):
            user = User.objects.create(username=f"bench-{name}", email=f"{name}@example.com")
            user.set_unusable_password()
            user.save()
            Membership.objects.create(user=user, clinic=clinic, role=Role.PRACTITIONER)
            users.append(user)
        return clinic, users

    def _events_per_client(self, clients: int, events: int) -> list[list[int]]:
        """About two sessions a client; every session gets a few events, the rest at random."""
        sessions = [self.rng.choice((1, 2, 2, 3)) for _ in range(clients)]
        slots = [(c, s) for c, n in enumerate(sessions) for s in range(n)]
        floor = min(2, events // len(slots))
        counts = Counter(self.rng.choices(range(len(slots)), k=events - floor * len(slots)))
        quotas: list[list[int]] = [[] for _ in range(clients)]
        for i, (client, _) in enumerate(slots):
            quotas[client].append(floor + counts[i])
        return quotas

    def _batch(self, start: int, quotas: list[list[int]]) -> None:
        from repattern.clients.models import Client, Gender

        rng = self.rng
        clients = Client.objects.bulk_create(
            Client(
                clinic=self.clinic,
                first_name=rng.choice(FIRST_NAMES),
                last_name=f"{rng.choice(LAST_NAMES)}-{start + i}",
                date_of_birth=date(1940, 1, 1) + timedelta(days=rng.randrange(25_000)),
                gender=rng.choice(Gender.values),
                email=f"client{start + i}@example.com",
            )
            for i in range(len(quotas))
        )
        areas = self._intake(clients)
        self._sessions(clients, areas, quotas)

    def _intake(self, clients: list[Any]) -> dict[int, list[tuple[str, str]]]:
        from repattern.clients.models import (
            Consent,
            Injury,
            Intake,
            PainArea,
            SafetyScreen,
            Scar,
            Source,
        )
        from repattern.clients.screening import CONSENT_VERSION, QUESTION_IDS

        rng, user = self.rng, self.practitioners[0]
        intakes, scars, injuries, pains, screens, consents = [], [], [], [], [], []
        areas: dict[int, list[tuple[str, str]]] = {}
        for c in clients:
            intakes.append(
                Intake(
                    client=c,
                    intubated=rng.random() < 0.15,
                    jaw_clenching=rng.random() < 0.25,
                    teeth_grinding=rng.random() < 0.15,
                    tmj_trouble=rng.random() < 0.1,
                    conditions=rng.sample(CONDITIONS, rng.choice((0, 1, 1, 2))),
                )
            )
            for procedure, region, side in rng.sample(SCARS, rng.choice((0, 0, 0, 1, 1, 2))):
                scars.append(
                    Scar(
                        client=c,
                        procedure=procedure,
                        region=region,
                        side=side,
                        year=rng.randrange(1975, 2025),
                    )
                )
            for kind, region, side in rng.sample(INJURIES, rng.choice((0, 0, 1, 1, 2))):
                injuries.append(
                    Injury(
                        client=c,
                        kind=kind,
                        region=region,
                        side=side,
                        age_at_injury=rng.randrange(5, 60),
                    )
                )
            areas[c.pk] = rng.sample(PAIN_AREAS, rng.choice((0, 1, 1, 2, 3)))
            pains += [
                PainArea(client=c, region=region, side=side, intensity=rng.randrange(2, 9))
                for region, side in areas[c.pk]
            ]
            screens.append(
                SafetyScreen(
                    client=c,
                    answers=dict.fromkeys(QUESTION_IDS, False),
                    source=Source.PRACTITIONER,
                    recorded_by=user,
                )
            )
            consents.append(
                Consent(
                    client=c,
                    version=CONSENT_VERSION,
                    signed_name=c.full_name,
                    source=Source.PRACTITIONER,
                    recorded_by=user,
                )
            )
        for model, rows in (
            (Intake, intakes),
            (Scar, scars),
            (Injury, injuries),
            (PainArea, pains),
            (SafetyScreen, screens),
            (Consent, consents),
        ):
            model.objects.bulk_create(rows, batch_size=1000)
        return areas

    def _sessions(
        self, clients: list[Any], areas: dict[int, list[tuple[str, str]]], quotas: list[list[int]]
    ) -> None:
        from repattern.treatment.models import PainRating, Pattern, SessionEvent, TreatmentSession

        rng = self.rng
        planned = [(c, n) for c, counts in zip(clients, quotas, strict=True) for n in counts]
        starts = [
            self.now - timedelta(days=rng.randrange(1, 730), minutes=rng.randrange(600))
            for _ in planned
        ]
        sessions = TreatmentSession.objects.bulk_create(
            TreatmentSession(
                client=c,
                practitioner=rng.choice(self.practitioners),
                started_at=start,
                ended_at=start + timedelta(minutes=50),
            )
            for (c, _), start in zip(planned, starts, strict=True)
        )
        ratings, patterns, events = [], [], []
        for session, (client, n) in zip(sessions, planned, strict=True):
            for region, side in areas[client.pk]:
                before = rng.randrange(2, 9)
                ratings += [
                    PainRating(
                        session=session,
                        phase=PainRating.Phase.BEFORE,
                        region=region,
                        side=side,
                        intensity=before,
                    ),
                    PainRating(
                        session=session,
                        phase=PainRating.Phase.AFTER,
                        region=region,
                        side=side,
                        intensity=max(0, before - rng.randrange(0, 5)),
                    ),
                ]
            made = self._script(session, n)
            events += made
            patterns += _patterns_of(made)
        PainRating.objects.bulk_create(ratings, batch_size=1000)
        Pattern.objects.bulk_create(patterns, batch_size=1000)
        SessionEvent.objects.bulk_create(events, batch_size=1000)

    def _script(self, session: Any, n: int) -> list[Any]:
        """Exactly n events: whole patterns while they fit, after a few tests that hold."""
        rng = self.rng
        plan, left = [], n
        while left >= 4:
            # A pattern is a weak test, challenges, confirm, release and activation, retest.
            challenges = 1 + min(left - 4, rng.choice((0, 1, 1, 2)))
            steps = min(left - 3 - challenges, 2)
            plan.append((challenges, steps))
            left -= 3 + challenges + steps
        clock = (session.started_at + timedelta(seconds=40 * i) for i in range(n))
        made = [
            self._event(session, clock, "test", self._any_site(), result="holds")
            for _ in range(left)
        ]
        layers: Counter[str] = Counter()
        for challenges, steps in plan:
            site = self._any_site()
            layers[site] += 1
            made += self._pattern(session, clock, site, layers[site], challenges, steps)
        return made

    def _pattern(
        self,
        session: Any,
        clock: Iterator[datetime],
        site: str,
        layer: int,
        challenges: int,
        steps: int,
    ) -> list[Any]:
        from repattern.treatment.models import Pattern

        rng = self.rng
        partners = rng.sample(self.partners[site.split(":")[0]], challenges)
        tried = [self._side_of(partner, site) for partner in partners]
        made = [self._event(session, clock, "test", site, result="weak")]
        made += [
            self._event(
                session,
                clock,
                "challenge",
                site,
                candidate=candidate,
                challenge="touch",
                result="holds" if candidate == tried[-1] else "weak",
            )
            for candidate in tried
        ]
        confirmed = self._event(session, clock, "confirm", site, candidate=tried[-1])
        holds = rng.random() < 0.7
        pattern = Pattern(
            session=session,
            inhibited=site,
            facilitated=tried[-1],
            layer=layer,
            probability=round(rng.uniform(0.9, 0.99), 3),
            confirmed_at=confirmed.recorded_at,
            status=Pattern.Status.CORRECTED if holds else Pattern.Status.NOT_CORRECTED,
        )
        made.append(confirmed)
        made += [
            self._event(session, clock, kind, site) for kind in ("release", "activation")[:steps]
        ]
        made.append(
            self._event(session, clock, "retest", site, result="holds" if holds else "weak")
        )
        pattern.ended_at = made[-1].recorded_at
        for event in made[-2 - steps :]:
            event.pattern, event.candidate = pattern, pattern.facilitated
        return made

    def _event(
        self, session: Any, clock: Iterator[datetime], kind: str, site: str, **fields: Any
    ) -> Any:
        from repattern.treatment.models import SessionEvent

        return SessionEvent(
            event_id=uuid.uuid4(),
            session=session,
            kind=kind,
            site=site,
            recorded_by=session.practitioner,
            recorded_at=next(clock),
            **fields,
        )

    def _any_site(self) -> str:
        return self._site(self.rng.choice(self.muscles))

    def _site(self, muscle: str) -> str:
        return f"{muscle}:{self.rng.choice(('left', 'right'))}"

    def _side_of(self, partner: str, site: str) -> str:
        """A partner site: structures carry their side already; muscles mostly the same side."""
        if ":" in partner:
            return partner
        side = site.rsplit(":", 1)[1]
        if self.rng.random() < 0.2:
            side = "left" if side == "right" else "right"
        return f"{partner}:{side}"


def _patterns_of(events: list[Any]) -> list[Any]:
    """The patterns these events belong to, each once (unsaved models cannot be hashed)."""
    return list({id(e.pattern): e.pattern for e in events if e.pattern is not None}.values())


def partners_of(atlas: Any, muscles: list[str]) -> dict[str, list[str]]:
    """Each muscle's synergists and antagonists in the atlas, plus common structures and a scar."""
    found = {}
    for muscle in muscles:
        related = sorted(
            {r.b if r.a == muscle else r.a for r in atlas.relations_for(muscle)} - {muscle}
        )
        found[muscle] = [*related[:12], *STRUCTURES, "scar:lower_abdomen:right"]
    return found


def seed(args: argparse.Namespace) -> None:
    from django.db import connection
    from django.utils import timezone

    from repattern.accounts.models import Clinic
    from repattern.engine.atlas import load_atlas

    atlas = load_atlas()
    muscles = [m for m in COMMON_MUSCLES if m in atlas.muscles]
    seeder = Seeder(random.Random(args.seed), muscles, partners_of(atlas, muscles), timezone.now())
    seeder.run(args.clients, args.events)
    # Named last, so an interrupted seed is never taken for a finished one.
    Clinic.objects.filter(pk=seeder.clinic.pk).update(name=seeded_name(args))
    # Planner statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` would gather in time;
    # without them PostgreSQL plans the first minutes after a bulk load blind.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# ---- measuring --------------------------------------------------------------------------------


@dataclass
class Answer:
    """What the screen shows after an event: the current finding's candidates, suggested first,
    and the pattern in its learning window, if any."""

    candidates: list[str] = field(default_factory=list)
    pattern_id: int | None = None


Call = Callable[[int, dict[str, str]], Answer]


def service_path(practitioner: Any) -> Call:
    """event_record() then session_state(), on the session fetched as the view fetches it."""
    from repattern.treatment.finding import session_state
    from repattern.treatment.models import TreatmentSession
    from repattern.treatment.services import event_record
    from repattern.treatment.services.events import EventInput

    def call(session_id: int, fields: dict[str, str]) -> Answer:
        session = TreatmentSession.objects.select_related(
            "client", "client__clinic", "practitioner", "care_plan"
        ).get(pk=session_id)
        pattern_id = int(fields["pattern_id"]) if "pattern_id" in fields else None
        event = EventInput(event_id=uuid.uuid4(), **{**fields, "pattern_id": pattern_id})
        event_record(session=session, user=practitioner, event=event)
        state = session_state(session)
        return Answer(
            [c.site for c in state.findings[0].candidates] if state.findings else [],
            state.open_pattern.pk if state.open_pattern else None,
        )

    return call


def http_path(practitioner: Any) -> Call:
    """The page's POST, form-encoded, answered with the state partial to swap in."""
    from django.db import close_old_connections
    from django.test import Client as Browser

    browser = Browser()
    browser.force_login(practitioner)

    def call(session_id: int, fields: dict[str, str]) -> Answer:
        # The test client leaves connections alone; a WSGI server closes old ones around each
        # request, which on SQLite (CONN_MAX_AGE 0) means a new connection per request.
        close_old_connections()
        response = browser.post(
            f"/sessions/{session_id}/events/",
            urlencode({"event_id": uuid.uuid4(), **fields}),
            content_type="application/x-www-form-urlencoded",
            headers={"HX-Request": "true"},
        )
        html = response.content.decode()
        close_old_connections()
        if response.status_code != 200:
            raise SystemExit(f"POST {fields} answered {response.status_code}: {html[:300]}")
        return answer_in(html)

    return call


def answer_in(html: str) -> Answer:
    """Read the answer off the page, where session.js finds it."""
    pattern = re.search(r'data-pattern="(\d+)"', html)
    answer = Answer(pattern_id=int(pattern.group(1)) if pattern else None)
    start = html.find('class="panel finding')
    if start >= 0:
        section = html[start : html.find("</section>", start)]
        answer.candidates = re.findall(r'<tr data-candidate="([^"]+)"', section)
        suggested = re.search(r'data-suggested="([^"]+)"', section)
        if suggested:
            answer.candidates.insert(0, suggested.group(1))
    return answer


Play = tuple[int, dict[str, str], Callable[[Answer], None]]


@dataclass
class Driver:
    """Plays sessions as a practitioner would: two common muscles test weak in turn; each is
    challenged with the suggested candidates until one makes it hold, which is mostly confirmed
    as a pattern, released, activated and retested."""

    rng: random.Random
    client_ids: list[int]
    muscles: list[str]
    practitioner: Any
    opened: list[int] = field(default_factory=list)

    def plays(self) -> Iterator[Play]:
        """Yields (session, fields, reply): reply takes what the call answered."""
        while True:
            session_id = self._start()
            for muscle in self.rng.sample(self.muscles, 2):
                yield from self._finding(session_id, f"{muscle}:{self.rng.choice(SIDES)}")

    def _start(self) -> int:
        from repattern.clients.models import Client
        from repattern.treatment.services import session_start

        client = Client.objects.get(pk=self.rng.choice(self.client_ids))
        session = session_start(
            client=client,
            practitioner=self.practitioner,
            pain_before=[(a.region, a.side, a.intensity) for a in client.pain_areas.all()],
        )
        self.opened.append(session.pk)
        return session.pk

    def _finding(self, session_id: int, site: str) -> Iterator[Play]:
        from repattern.treatment.templatetags.treatment_tags import default_challenge

        answer = Answer()
        yield session_id, {"kind": "test", "site": site, "result": "weak"}, self._keep(answer)
        held = None
        for _ in range(self.rng.choice((2, 3, 3, 4))):
            if not answer.candidates:
                return
            tried = answer.candidates[0]
            result = "holds" if self.rng.random() < 0.35 else "weak"
            fields = {
                "kind": "challenge",
                "site": site,
                "candidate": tried,
                "challenge": default_challenge(tried),
                "result": result,
            }
            yield session_id, fields, self._keep(answer)
            if result == "holds":
                held = tried
                break
        # A pattern is confirmed on a challenge that made the weak muscle hold; not always.
        if held is None or self.rng.random() < 0.2:
            return
        fields = {"kind": "confirm", "site": site, "candidate": held}
        yield session_id, fields, self._keep(answer)
        if answer.pattern_id is None:
            return
        steps = [
            {"kind": "release"},
            {"kind": "activation"},
            {"kind": "retest", "result": "holds" if self.rng.random() < 0.7 else "weak"},
        ]
        for step in steps:
            yield session_id, {**step, "pattern_id": str(answer.pattern_id)}, self._keep(answer)

    @staticmethod
    def _keep(answer: Answer) -> Callable[[Answer], None]:
        def reply(new: Answer) -> None:
            answer.candidates, answer.pattern_id = new.candidates, new.pattern_id

        return reply

    def end_sessions(self) -> None:
        from repattern.treatment.models import TreatmentSession
        from repattern.treatment.services import session_end

        for session in TreatmentSession.objects.filter(pk__in=self.opened, ended_at__isnull=True):
            session_end(session=session, user=self.practitioner)


@dataclass
class Timings:
    """Milliseconds per call by event kind: wall time, and this process's CPU time."""

    label: str
    ms: dict[str, list[float]] = field(default_factory=dict)
    cpu_ms: dict[str, list[float]] = field(default_factory=dict)

    def of(self, *kinds: str, cpu: bool = False) -> list[float]:
        times = self.cpu_ms if cpu else self.ms
        return sorted(t for kind in kinds for t in times.get(kind, []))

    def line(self, name: str, times: list[float]) -> str:
        return (
            f"{self.label:<8} {name:<16} {len(times):6d} {statistics.fmean(times):8.1f} "
            f"{pick(times, 0.50):8.1f} {pick(times, 0.95):8.1f} "
            f"{pick(times, 0.99):8.1f} {times[-1]:8.1f}"
        )


def pick(ordered: list[float], q: float) -> float:
    """The q-quantile of sorted values, nearest rank."""
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


RANKED = ("test", "challenge")


def measure(label: str, call: Call, driver: Driver, samples: int) -> Timings:
    """Time calls until `samples` test and challenge events are timed; the pattern steps that
    come between them are timed too, and reported apart."""
    timings = Timings(label)
    plays = driver.plays()
    with tqdm(total=samples, desc=f"timing {label}", unit="call", disable=None) as bar:
        while len(timings.of(*RANKED)) < samples:
            session_id, fields, reply = next(plays)
            start, cpu = time.perf_counter(), time.process_time()
            answer = call(session_id, fields)
            kind = fields["kind"]
            timings.ms.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
            timings.cpu_ms.setdefault(kind, []).append((time.process_time() - cpu) * 1000)
            reply(answer)
            bar.update(kind in RANKED)
    return timings


def first_call_ms(call: Call, driver: Driver) -> float:
    """The first call in the process, with cold caches (atlas, templates), then a warm-up."""
    plays = driver.plays()
    session_id, fields, reply = next(plays)
    start = time.perf_counter()
    reply(call(session_id, fields))
    cold = (time.perf_counter() - start) * 1000
    for _ in range(4):
        session_id, fields, reply = next(plays)
        reply(call(session_id, fields))
    return cold


def queries_per_call(call: Call, driver: Driver) -> list[str]:
    """Queries each call makes over one whole played session, as `kind:count`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    plays = driver.plays()
    session_id, fields, reply = next(plays)
    first = session_id
    while session_id == first:
        with CaptureQueriesContext(connection) as captured:
            answer = call(session_id, fields)
        counts.append(f"{fields['kind']}:{len(captured.captured_queries)}")
        reply(answer)
        session_id, fields, reply = next(plays)
    return counts


def profile(call: Call, driver: Driver, samples: int) -> None:
    profiler = cProfile.Profile()
    plays = driver.plays()
    for _ in range(samples):
        session_id, fields, reply = next(plays)
        profiler.enable()
        answer = call(session_id, fields)
        profiler.disable()
        reply(answer)
    print(f"\nprofile of {samples} HTTP calls, by cumulative time:")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(30)


# ---- the report -------------------------------------------------------------------------------


def database_words() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        version = connection.pg_version
        return (
            f"PostgreSQL {version // 10000}.{version % 10000} "
            f"({connection.settings_dict['NAME']} on {connection.settings_dict['HOST']})"
        )
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    return (
        f"SQLite {connection.Database.sqlite_version}, journal {mode} "
        f"({connection.settings_dict['NAME']})"
    )


def machine_words() -> str:
    """Cores and load: the figures are wall times, and other work on the machine shows in them."""
    if not hasattr(os, "getloadavg"):
        return f"{os.cpu_count()} cores"
    return "{} cores, load average {:.2f} {:.2f} {:.2f} (1, 5, 15 min)".format(
        os.cpu_count(), *os.getloadavg()
    )


def row_counts() -> str:
    from repattern.clients.models import Client
    from repattern.treatment.models import Pattern, SessionEvent, TreatmentSession

    corrected = Pattern.objects.filter(status=Pattern.Status.CORRECTED).count()
    return (
        f"{Client.objects.count():,} clients, {TreatmentSession.objects.count():,} sessions, "
        f"{SessionEvent.objects.count():,} events, {Pattern.objects.count():,} patterns "
        f"({corrected:,} corrected)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    import django
    import psycopg
    from django.conf import settings

    if settings.configured:
        print(
            "Django is already set up in this process; run the bench on its own: "
            "uv run repattern bench session",
            file=sys.stderr,
        )
        return 2
    var_dir = Path(tempfile.mkdtemp(prefix="repattern-bench-"))
    url = configure(args, var_dir)
    postgres = url.startswith(("postgres:", "postgresql:", "pgsql:"))
    try:
        if postgres:
            create_postgres(url, drop_first=False)
        django.setup()
        if holds_other_data():
            print(
                f"{url} holds clinics the bench did not make, and the bench empties the "
                "database it is given. Give it a database of its own, e.g. "
                "postgres://postgres@127.0.0.1:5432/repattern_bench.",
                file=sys.stderr,
            )
            shutil.rmtree(var_dir, ignore_errors=True)
            return 2
    except psycopg.OperationalError as error:
        print(f"Cannot reach PostgreSQL at {url}: {error}", file=sys.stderr)
        shutil.rmtree(var_dir, ignore_errors=True)
        return 2
    try:
        return run(args, url)
    finally:
        from django.db import connections

        connections.close_all()
        if postgres and not args.keep:
            drop_postgres(url)
        shutil.rmtree(var_dir, ignore_errors=True)


def run(args: argparse.Namespace, url: str) -> int:
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from repattern.clients.models import Client
    from repattern.engine.atlas import load_atlas

    reused = args.keep and is_seeded(args)
    if not reused:
        empty_database(url)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - started
    if not reused:
        seed(args)
    seeded = time.perf_counter() - started - migrated

    print(f"machine       {machine_words()}")
    print(f"database      {database_words()}")
    print(f"rows          {row_counts()}")
    print(
        f"set-up        migrate {migrated:.1f} s, "
        + ("seed reused (--keep)" if reused else f"seed {seeded:.1f} s")
    )

    client_ids = list(Client.objects.values_list("pk", flat=True))
    muscles = [m for m in COMMON_MUSCLES if m in load_atlas().muscles]
    practitioner = User.objects.get(username="bench-alice")
    driver = Driver(random.Random(args.seed + 1), client_ids, muscles, practitioner)
    paths = {"service": service_path(practitioner), "http": http_path(practitioner)}
    try:
        cold = {label: first_call_ms(call, driver) for label, call in paths.items()}
        queries = {label: queries_per_call(call, driver) for label, call in paths.items()}
        results = [measure(label, call, driver, args.samples) for label, call in paths.items()]
        if args.profile:
            profile(paths["http"], driver, args.samples)
    finally:
        driver.end_sessions()

    print(f"machine       {machine_words()}, after timing")
    print(
        f"first call    {', '.join(f'{k} {v:.1f} ms' for k, v in cold.items())} "
        "(cold caches in this process)"
    )
    for label, counts in queries.items():
        print(f"queries       {label}, per call over one played session: {' '.join(counts)}")
    header = f"{'mean':>8} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}   ms"
    print(f"\n{'path':<8} {'events':<16} {'n':>6} {header}")
    for timings in results:
        print(timings.line("test+challenge", timings.of(*RANKED)))
    for timings in results:
        print(timings.line("  same, CPU only", timings.of(*RANKED, cpu=True)))
    print(f"\nby kind\n{'path':<8} {'kind':<16} {'n':>6} {header}")
    for timings in results:
        for kind in timings.ms:
            print(timings.line(kind, timings.of(kind)))
    http = results[-1].of(*RANKED)
    print(f"\np95 event+ranking (HTTP): {pick(http, 0.95):.1f} ms (target < {TARGET_MS:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
