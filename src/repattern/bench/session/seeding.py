"""A clinic's worth of history, written in bulk: clients, intakes, sessions, events, patterns.

Every seeded session is played through the session rules (`engine.session`), so the history
the bench reads is one the live screen could have recorded, patterns settled as the rules say.
"""

from __future__ import annotations

import argparse
import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from repattern.bench.session.database import seeded_name
from repattern.bench.session.measuring import progress
from repattern.bench.session.options import BENCH_CLINIC
from repattern.bench.session.population import (
    COMMON_MUSCLES,
    CONDITIONS,
    FIRST_NAMES,
    INJURIES,
    LAST_NAMES,
    PAIN_AREAS,
    SCARS,
    STRUCTURES,
)
from repattern.engine.session import Event, EventKind, SessionLog


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
        for start in range(0, clients, batch):
            quotas = per_client[start : start + batch]
            with transaction.atomic():
                self._batch(start, quotas)
            progress("seeding clients", start + len(quotas), clients)

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
            EnteredBy,
            Injury,
            Intake,
            PainArea,
            SafetyScreen,
            Scar,
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
                    entered_by=EnteredBy.STAFF,
                    recorded_by=user,
                )
            )
            consents.append(
                Consent(
                    client=c,
                    version=CONSENT_VERSION,
                    signed_name=c.full_name,
                    entered_by=EnteredBy.STAFF,
                    recorded_by=user,
                )
            )
        Intake.objects.bulk_create(intakes, batch_size=1000)
        Scar.objects.bulk_create(scars, batch_size=1000)
        Injury.objects.bulk_create(injuries, batch_size=1000)
        PainArea.objects.bulk_create(pains, batch_size=1000)
        SafetyScreen.objects.bulk_create(screens, batch_size=1000)
        Consent.objects.bulk_create(consents, batch_size=1000)
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
            patterns += list({id(e.pattern): e.pattern for e in made if e.pattern}.values())
        PainRating.objects.bulk_create(ratings, batch_size=1000)
        Pattern.objects.bulk_create(patterns, batch_size=1000)
        SessionEvent.objects.bulk_create(events, batch_size=1000)

    def _script(self, session: Any, n: int) -> list[Any]:
        """Exactly n events: whole patterns while they fit, after a few tests that hold."""
        rng = self.rng
        plan, left = [], n
        while left >= 4:
            # A pattern: a weak test, challenges, confirm, then release, activation and retest
            # when they fit, or else deferred (the session ended in its window).
            challenges = 1 + min(left - 4, rng.choice((0, 1, 1, 2)))
            full = left >= 5 + challenges
            plan.append((challenges, full))
            left -= (5 if full else 3) + challenges
        played = Played(session)
        for _ in range(left):
            played.event("test", self._other_site(played), result="holds")
        for challenges, full in plan:
            self._pattern(played, self._other_site(played), challenges, full)
        return played.rows

    def _pattern(self, played: Played, site: str, challenges: int, full: bool) -> None:
        rng = self.rng
        played.event("test", site, result="weak")
        released = played.log.finding(site).excluded
        partners = [self._side_of(p, site) for p in self.partners[site.split(":")[0]]]
        fresh = [p for p in dict.fromkeys(partners) if p not in released and p != site]
        tried = rng.sample(fresh, challenges)
        for candidate in tried:
            held = "holds" if candidate == tried[-1] else "weak"
            played.event("challenge", site, candidate=candidate, challenge="touch", result=held)
        pattern = played.event("confirm", site, candidate=tried[-1])
        if not full:
            played.event("outcome", pattern=pattern, outcome="deferred")
            return
        played.event("release", pattern=pattern)
        played.event("activation", pattern=pattern)
        played.event("retest", pattern=pattern, result="holds" if rng.random() < 0.7 else "weak")

    def _other_site(self, played: Played) -> str:
        """A muscle to test that is not already weak (and so not in a learning window)."""
        while True:
            site = self._any_site()
            if site not in played.log.open_findings():
                return site

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


class Played:
    """One seeded session, played event by event through the session rules."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.log = SessionLog(window_seconds=session.window_seconds)
        self.rows: list[Any] = []
        self.patterns: dict[int, Any] = {}
        self.at = session.started_at

    def event(self, kind: str, site: str = "", pattern: int | None = None, **fields: Any) -> int:
        """Record one event the rules allow; returns the pattern it opened or belongs to."""
        from repattern.treatment.models import Pattern, SessionEvent

        self.at += timedelta(seconds=self.session.window_seconds // 8)
        now = self.at.timestamp()
        rule = Event(
            id=len(self.rows) + 1,
            kind=EventKind(kind),
            site=site,
            candidate=fields.get("candidate", ""),
            result=fields.get("result"),
            outcome=fields.get("outcome"),
            pattern=pattern,
        )
        self.log.check(rule, now)
        change = self.log.change(rule, now)
        if change.opens is not None:
            pattern = len(self.patterns) + 1
            self.patterns[pattern] = Pattern(
                session=self.session,
                inhibited=change.opens.inhibited,
                facilitated=change.opens.facilitated,
                layer=change.opens.layer,
                probability=round(0.9 + 0.009 * (pattern % 10), 3),
                window_seconds=change.opens.window_seconds,
                confirmed_at=self.at,
            )
        row_pattern = self.patterns.get(pattern) if pattern else None
        if row_pattern is not None and change.settles is not None:
            row_pattern.status, row_pattern.ended_at = change.settles, self.at
            row_pattern.retested_late = change.late
        if row_pattern is not None and kind != "confirm":
            site, fields["candidate"] = row_pattern.inhibited, row_pattern.facilitated
        self.rows.append(
            SessionEvent(
                event_id=uuid.uuid4(),
                session=self.session,
                kind=kind,
                site=site,
                pattern=row_pattern,
                recorded_by=self.session.practitioner,
                recorded_at=self.at,
                **fields,
            )
        )
        self.log = self.log.with_event(rule, change, pattern)
        return pattern or 0


def partners_of(atlas: Any, muscles: list[str]) -> dict[str, list[str]]:
    """Each muscle's synergists and antagonists in the atlas, plus common structures and a scar."""
    found = {}
    for muscle in muscles:
        related = sorted(
            {
                r.facilitated if r.inhibited == muscle else r.inhibited
                for r in atlas.relations_for(muscle)
            }
            - {muscle}
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
