"""The API bench's seeding and timings (see the package's docstring)."""

from __future__ import annotations

import argparse
import random
import statistics
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from repattern.bench.session.options import BENCH_CLINIC
from repattern.bench.session.report import database_words, machine_words

PASSWORD = "bench-password-not-secret"
# One session's events: a muscle found weak, a pattern confirmed and corrected, another tested.
PLAY: tuple[dict[str, Any], ...] = (
    {"kind": "test", "site": "psoas_major:left", "result": "weak"},
    {
        "kind": "challenge",
        "site": "psoas_major:left",
        "candidate": "quadratus_lumborum:left",
        "challenge": "touch",
        "result": "holds",
    },
    {"kind": "confirm", "site": "psoas_major:left", "candidate": "quadratus_lumborum:left"},
    {"kind": "release"},
    {"kind": "activation"},
    {"kind": "retest", "result": "holds"},
    {"kind": "test", "site": "gluteus_maximus:right", "result": "holds"},
)


def seed(args: argparse.Namespace) -> tuple[str, int]:
    """The clinic, its clients, and one client with the sessions; returns a read token and
    that client's id."""
    from django.contrib.auth.models import User

    from repattern.accounts.models import Clinic, Membership
    from repattern.api.services import api_token_create
    from repattern.clients import services as clients
    from repattern.clients.models import Client
    from repattern.clients.screening import QUESTION_IDS

    clinic = Clinic.objects.create(name=f"{BENCH_CLINIC} (api, {args.clients} clients)")
    user = User.objects.create_user("bench-alice", password=PASSWORD)
    membership = Membership.objects.create(user=user, clinic=clinic, role="owner")
    rng = random.Random(7)
    born = date(1950, 1, 1)
    Client.objects.bulk_create(
        (
            Client(
                clinic=clinic,
                first_name=f"First{n:05d}",
                last_name=f"Last{rng.randrange(10**6):06d}",
                date_of_birth=born + timedelta(days=rng.randrange(20_000)),
                email=f"client{n}@example.com",
            )
            for n in range(args.clients - 1)
        ),
        batch_size=1000,
    )
    treated = clients.client_create(
        clinic=clinic,
        user=user,
        details=clients.ClientDetails(
            first_name="Maria", last_name="Bundle", date_of_birth=date(1981, 3, 14)
        ),
    )
    clients.pain_area_add(client=treated, user=user, region="lower_back", side="right", intensity=6)
    clients.screen_record(client=treated, user=user, answers=dict.fromkeys(QUESTION_IDS, False))
    clients.consent_record(client=treated, user=user, signed_name="Maria Bundle")
    _treat(treated, user, args.sessions)
    token = api_token_create(membership=membership, user=user, name="bench", scope="read")
    return token.secret, treated.pk


def _treat(client: Any, user: Any, sessions: int) -> None:
    from repattern.treatment import services
    from repattern.treatment.services.events import EventInput

    plan = services.careplan_create(client=client, user=user, complaint="Low back pain")
    for _ in range(sessions):
        session = services.session_start(
            client=client,
            practitioner=user,
            pain_before=[("lower_back", "right", 6)],
            care_plan=plan,
        )
        pattern_id = None
        for step in PLAY:
            fields = {**step, "event_id": uuid.uuid4()}
            if step["kind"] in ("release", "activation", "retest"):
                fields["pattern_id"] = pattern_id
            recorded = services.event_record(session=session, user=user, event=EventInput(**fields))
            pattern_id = recorded.event.pattern_id or pattern_id
        services.session_finish(
            session=session,
            user=user,
            pain_after=[("lower_back", "right", 3)],
            after_effects=[],
            after_effects_note="",
        )


def _timed(call: Callable[[], Any], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _line(label: str, times: list[float], unit: str = "ms") -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"{label:<34} mean {statistics.fmean(times):9.1f} {unit}  p95 {p95:9.1f} {unit}  "
        f"min {ordered[0]:9.1f} {unit}  (n={len(times)})"
    )


def run(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client as Browser
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - started
    token, client_id = seed(args)
    seeded = time.perf_counter() - started - migrated
    settings.API_REQUESTS_PER_MINUTE = 10**9
    browser = Browser()
    headers = {"Authorization": f"Bearer {token}"}

    def get(path: str, **params: Any) -> Any:
        response = browser.get(f"/api/v1{path}", params, headers=headers)
        assert response.status_code == 200, response.content[:300]
        return response

    def every_client() -> int:
        listed, offset = 0, 0
        while True:
            page = get("/clients", limit=args.page, offset=offset).json()
            listed += len(page["items"])
            offset += args.page
            if offset >= page["count"]:
                return listed

    rng = random.Random(11)

    def one_page() -> None:
        get("/clients", limit=100, offset=rng.randrange(max(1, args.clients - 100)))

    bundle_path = f"/fhir/Patient/{client_id}/$everything"
    assert every_client() == args.clients
    bundle = get(bundle_path)
    entries = len(bundle.json()["entry"])
    with CaptureQueriesContext(connection) as queries:
        get(bundle_path)
    bundle_queries = len(queries)
    with CaptureQueriesContext(connection) as queries:
        get("/clients", limit=args.page)

    print(f"machine       {machine_words()}")
    print(f"database      {database_words()}")
    print(f"set-up        migrate {migrated:.1f} s, seed {seeded:.1f} s")
    print(
        f"sizes         {args.clients:,} clients; the bundle: {args.sessions} sessions, "
        f"{entries} resources, {len(bundle.content) / 1024:.0f} KiB"
    )
    print(f"queries       a page of clients {len(queries)}, the bundle {bundle_queries}")
    print(_line(f"list all ({args.page} a page)", _timed(every_client, args.repeats)))
    print(_line("one page of 100 clients", _timed(one_page, args.repeats * 10)))
    print(
        _line(
            f"FHIR bundle, {args.sessions} sessions", _timed(lambda: get(bundle_path), args.repeats)
        )
    )
    return 0
