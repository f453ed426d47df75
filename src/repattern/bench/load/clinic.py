"""The clinic under load: a database emptied, migrated and seeded with the session bench's
seeder, and practitioners added through the project's own service, with passwords to sign in."""

from __future__ import annotations

import argparse
import secrets
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from repattern.bench.session.database import empty_database, seeded_name
from repattern.bench.session.population import COMMON_MUSCLES
from repattern.bench.session.seeding import seed

if TYPE_CHECKING:
    from repattern.accounts.models import Clinic

USERNAME = "load-practitioner-{:02d}"


@dataclass
class BenchClinic:
    """Who works at the seeded clinic, whom they can treat, and how long set-up took."""

    client_ids: list[int]
    usernames: list[str]
    password: str
    muscles: list[str]
    seconds: dict[str, float] = field(default_factory=dict)


def prepare(args: argparse.Namespace, url: str) -> BenchClinic:
    from django.core.management import call_command

    from repattern.accounts.models import Clinic
    from repattern.clients.models import Client
    from repattern.engine.atlas import load_atlas

    seconds: dict[str, float] = {}
    started = time.perf_counter()
    empty_database(url)
    call_command("migrate", verbosity=0)
    seconds["migrate"] = time.perf_counter() - started
    seed(args)
    seconds["seed"] = time.perf_counter() - started - seconds["migrate"]
    clinic = Clinic.objects.get(name=seeded_name(args))
    password = secrets.token_urlsafe(16)
    usernames = add_practitioners(clinic, args.practitioners, password)
    seconds["accounts"] = time.perf_counter() - started - seconds["migrate"] - seconds["seed"]
    atlas = load_atlas()
    return BenchClinic(
        client_ids=list(Client.objects.filter(clinic=clinic).values_list("pk", flat=True)),
        usernames=usernames,
        password=password,
        muscles=[m for m in COMMON_MUSCLES if m in atlas.muscles],
        seconds=seconds,
    )


def add_practitioners(clinic: Clinic, count: int, password: str) -> list[str]:
    """Members as an owner adds them, each with a password (hashed as for any member)."""
    from repattern.accounts.models import Role
    from repattern.accounts.services import member_add

    usernames = [USERNAME.format(n + 1) for n in range(count)]
    for username in usernames:
        member_add(
            clinic=clinic,
            username=username,
            email=f"{username}@example.com",
            role=Role.PRACTITIONER,
            password=password,
        )
    return usernames
