"""What the day rests on, written in bulk on top of the session bench's clinic: more
practitioners, signed notes, a month of appointments either side of today, home programs and
the days their exercises were marked done."""

from __future__ import annotations

import argparse
import random
from datetime import datetime, time, timedelta
from typing import Any

from repattern.bench.session.measuring import progress
from repattern.bench.session.seeding import seed as seed_sessions

PRACTITIONERS = 10
DAYS_EACH_SIDE = 30
FIRST_SLOT = time(8)
PROGRAM_DAYS = 42
PROGRAM_SHARE = 0.5  # of the clients have an active home program


def seed(args: argparse.Namespace) -> None:
    """The session bench's clients and history, then the rest, in a few transactions."""
    from django.db import connection, transaction
    from django.utils import timezone

    from repattern.accounts.models import Clinic

    seed_sessions(args)
    clinic = Clinic.objects.get()
    rng = random.Random(args.seed + 7)
    now = timezone.now()
    with transaction.atomic():
        practitioners = _practitioners(clinic)
        _notes(rng)
    progress("seeding notes", 1, 1)
    with transaction.atomic():
        _appointments(rng, clinic, practitioners, args.appointments, now)
    progress("seeding appointments", 1, 1)
    with transaction.atomic():
        _programs(rng, clinic, practitioners[0], args.adherence, now)
    progress("seeding home programs", 1, 1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _practitioners(clinic: Any) -> list[Any]:
    """The session bench's two practitioners and eight more, so the day has 200 visits spread
    over ten diaries (the front desk sees them all)."""
    from django.contrib.auth.models import User

    from repattern.accounts.models import Membership, Role

    have = list(User.objects.filter(memberships__clinic=clinic).order_by("pk"))
    for n in range(len(have), PRACTITIONERS):
        user = User.objects.create(username=f"bench-p{n:02d}", email=f"p{n}@example.com")
        user.set_unusable_password()
        user.save()
        Membership.objects.create(user=user, clinic=clinic, role=Role.PRACTITIONER)
        have.append(user)
    return have


def _notes(rng: random.Random) -> None:
    """A note for every session, signed the same day; one in a hundred still a draft."""
    from repattern.treatment.models import SessionNote, TreatmentSession

    sessions = TreatmentSession.objects.filter(ended_at__isnull=False)
    notes = []
    for pk, practitioner_id, ended_at in sessions.values_list(
        "pk", "practitioner_id", "ended_at"
    ).iterator():
        signed = ended_at is not None and rng.random() > 0.01
        notes.append(
            SessionNote(
                session_id=pk,
                subjective="Pain before the session: lower back 5/10.",
                objective="4 muscle tests and 3 challenges.",
                assessment="One pattern confirmed.",
                plan="Home program as drafted.",
                signed_by_id=practitioner_id if signed else None,
                signed_at=ended_at + timedelta(minutes=20) if ended_at and signed else None,
            )
        )
    SessionNote.objects.bulk_create(notes, batch_size=2000)


def _appointments(
    rng: random.Random, clinic: Any, practitioners: list[Any], per_day: int, now: datetime
) -> None:
    """`per_day` appointments a day, every day a month either side of today, half-hour slots
    from eight o'clock in each practitioner's diary, none overlapping; the past ones attended."""
    from django.utils import timezone

    from repattern.treatment.models import Appointment

    client_ids = list(clinic.clients.values_list("pk", flat=True))
    today = timezone.localdate(now)
    booked = []
    for offset in range(-DAYS_EACH_SIDE, DAYS_EACH_SIDE + 1):
        day = today + timedelta(days=offset)
        start = timezone.make_aware(datetime.combine(day, FIRST_SLOT))
        for n in range(per_day):
            practitioner = practitioners[n % len(practitioners)]
            slot = n // len(practitioners)
            starts_at = start + timedelta(minutes=30 * slot)
            booked.append(
                Appointment(
                    client_id=rng.choice(client_ids),
                    practitioner=practitioner,
                    starts_at=starts_at,
                    duration_minutes=30,
                    status=Appointment.Status.ATTENDED if offset < 0 else Appointment.Status.BOOKED,
                    created_by=practitioner,
                )
            )
    Appointment.objects.bulk_create(booked, batch_size=2000)


def _programs(rng: random.Random, clinic: Any, author: Any, entries: int, now: datetime) -> None:
    """Half the clients have a program of two exercises, begun six weeks ago; `entries` days
    done in all, spread over them on days between its start and yesterday."""
    from django.utils import timezone

    from repattern.programs.models import AdherenceEntry, Exercise, HomeProgram, ProgramVersion

    client_ids = list(clinic.clients.values_list("pk", flat=True))
    chosen = rng.sample(client_ids, int(len(client_ids) * PROGRAM_SHARE))
    began = now - timedelta(days=PROGRAM_DAYS)
    programs = HomeProgram.objects.bulk_create(
        [HomeProgram(client_id=pk, created_at=began) for pk in chosen], batch_size=2000
    )
    versions = ProgramVersion.objects.bulk_create(
        [
            ProgramVersion(program=p, number=1, created_by=author, created_at=began)
            for p in programs
        ],
        batch_size=2000,
    )
    pairs = (
        ("psoas_major:left", "quadratus_lumborum:left"),
        ("gluteus_medius:right", "tensor_fasciae_latae:right"),
    )
    Exercise.objects.bulk_create(
        [
            Exercise(
                version=version,
                order=order,
                key=f"{inhibited}>{facilitated}",
                inhibited=inhibited,
                facilitated=facilitated,
                title=f"Release {facilitated}, then activate {inhibited}",
                release="Release it as you were shown in the session.",
                activation="Activate it as you were shown in the session.",
            )
            for version in versions
            for order, (inhibited, facilitated) in enumerate(pairs)
        ],
        batch_size=2000,
    )
    today = timezone.localdate(now)
    slots = [
        (program.pk, f"{inhibited}>{facilitated}", today - timedelta(days=days))
        for program in programs
        for inhibited, facilitated in pairs
        for days in range(1, PROGRAM_DAYS)
    ]
    marked = rng.sample(slots, min(entries, len(slots)))
    AdherenceEntry.objects.bulk_create(
        [
            AdherenceEntry(
                program_id=program_id,
                key=key,
                day=day,
                pain=rng.choice([None, None, rng.randint(0, 6)]),
                entered_by=AdherenceEntry.EnteredBy.CLIENT,
                logged_at=timezone.make_aware(datetime.combine(day, time(19))),
            )
            for program_id, key, day in marked
        ],
        batch_size=5000,
    )
