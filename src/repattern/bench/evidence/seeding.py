"""A clinic with many finished care plans, written with bulk_create: clients with intake
conditions, closed care plans (the episodes) each with a session, some referred on, and the
responses of four measures spread over the episodes, some without a discharge measurement."""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from typing import Any

from repattern.bench.session.measuring import progress
from repattern.bench.session.options import BENCH_CLINIC

PRACTITIONERS = 10
BATCH = 5_000
CONDITIONS = ("low_back_pain", "neck_pain", "jaw_tmj_pain", "headache_migraine", "whiplash")
# measure, first score range, improvement range, lowest, highest
MEASURES = (
    ("nprs", (4, 9), (-1, 5), 0, 10),
    ("psfs", (2, 6), (-1, 4), 0, 10),
    ("pss10", (12, 30), (-3, 10), 0, 40),
    ("groc", (0, 1), (-1, 6), -7, 7),
)
LOWER_IS_BETTER = {"nprs", "pss10"}


def seed(args: argparse.Namespace) -> None:
    from django.db import connection, transaction

    rng = random.Random(args.seed)
    with transaction.atomic():
        clinic, owner, practitioners = _people()
        clients = _clients(rng, clinic, args.episodes)
        plans = _plans(rng, clients, practitioners, args.episodes)
        _reviews(rng, plans, owner)
    progress("seeding episodes", 1, 1)
    _responses(rng, plans, args.responses)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _people() -> tuple[Any, Any, list[Any]]:
    from django.contrib.auth.models import User

    from repattern.accounts.models import Clinic, Membership, Role

    clinic = Clinic.objects.create(name=BENCH_CLINIC)
    owner = User.objects.create(username="bench-owner", email="owner@example.com")
    Membership.objects.create(user=owner, clinic=clinic, role=Role.OWNER)
    practitioners = []
    for n in range(PRACTITIONERS):
        user = User.objects.create(username=f"bench-p{n:02d}", email=f"p{n}@example.com")
        Membership.objects.create(user=user, clinic=clinic, role=Role.PRACTITIONER)
        practitioners.append(user)
    return clinic, owner, practitioners


def _clients(rng: random.Random, clinic: Any, episodes: int) -> list[int]:
    from repattern.clients.models import Client, Intake

    count = max(1, episodes // 2)
    made = Client.objects.bulk_create(
        [
            Client(
                clinic=clinic,
                first_name=f"Client{n}",
                last_name="Bench",
                date_of_birth=date(1950 + n % 50, 1 + n % 12, 1 + n % 28),
            )
            for n in range(count)
        ],
        batch_size=BATCH,
    )
    Intake.objects.bulk_create(
        [
            Intake(client=c, conditions=rng.sample(CONDITIONS, rng.choice((0, 1, 1, 2))))
            for c in made
        ],
        batch_size=BATCH,
    )
    return [c.pk for c in made]


def _plans(
    rng: random.Random, clients: list[int], practitioners: list[Any], episodes: int
) -> list[tuple[int, int, date]]:
    """(plan, client, start) of each closed plan; each has one session with its practitioner."""
    from django.utils import timezone

    from repattern.treatment.models import CarePlan, TreatmentSession

    today = timezone.localdate()
    rows = []
    for n in range(episodes):
        start = today - timedelta(days=rng.randint(60, 700))
        who = practitioners[n % len(practitioners)]
        rows.append((clients[n % len(clients)], who, start))
    made = CarePlan.objects.bulk_create(
        [
            CarePlan(
                client_id=c,
                created_by=who,
                complaint="Bench complaint",
                start_date=start,
                closed_at=timezone.now() - timedelta(days=rng.randint(1, 50)),
            )
            for c, who, start in rows
        ],
        batch_size=BATCH,
    )
    TreatmentSession.objects.bulk_create(
        [
            TreatmentSession(
                client_id=c,
                practitioner=who,
                care_plan=plan,
                started_at=timezone.now() - timedelta(days=60),
                ended_at=timezone.now() - timedelta(days=60),
            )
            for plan, (c, who, _) in zip(made, rows, strict=True)
        ],
        batch_size=BATCH,
    )
    return [(plan.pk, c, start) for plan, (c, _, start) in zip(made, rows, strict=True)]


def _reviews(rng: random.Random, plans: list[tuple[int, int, date]], owner: Any) -> None:
    from repattern.outcomes.models import Review

    decisions = list(Review.Decision.values)
    Review.objects.bulk_create(
        [
            Review(
                client_id=client,
                care_plan_id=plan,
                decision=rng.choice(decisions),
                sessions_held=4,
                decided_by=owner,
            )
            for plan, client, _ in plans
            if rng.random() < 0.15
        ],
        batch_size=BATCH,
    )


def _responses(rng: random.Random, plans: list[tuple[int, int, date]], total: int) -> None:
    """About total / episodes responses per episode, over the four measures; one episode in
    six stops after its baseline of a measure (no discharge measurement)."""
    from datetime import datetime, time

    from django.db import transaction
    from django.utils import timezone

    from repattern.outcomes.models import Response

    each = max(1, total // max(1, len(plans)))
    batch: list[Response] = []
    written = 0
    tz = timezone.get_current_timezone()
    for plan, client, start in plans:
        for k in range(each):
            measure, first, gain, low, high = MEASURES[k % len(MEASURES)]
            step = k // len(MEASURES)
            if step == 0:
                base = rng.uniform(*first)
            elif rng.random() < 1 / 6 and step == 1:
                continue
            better = step * rng.uniform(*gain) / max(1, each // len(MEASURES))
            score = base - better if measure in LOWER_IS_BETTER else base + better
            when = datetime.combine(start + timedelta(days=7 * step), time(9), tz)
            batch.append(
                Response(
                    client_id=client,
                    care_plan_id=plan,
                    instrument=measure,
                    questionnaire=measure,
                    authored=when + timedelta(minutes=k),
                    entered_by=Response.EnteredBy.ROOM,
                    actor="bench",
                    score=round(min(high, max(low, score)), 1),
                )
            )
        if len(batch) >= BATCH:
            with transaction.atomic():
                Response.objects.bulk_create(batch)
            written += len(batch)
            batch = []
            progress("seeding responses", written, total)
    if batch:
        with transaction.atomic():
            Response.objects.bulk_create(batch)
