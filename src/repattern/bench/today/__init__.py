"""How long the Today page and the client portal's home take to answer, on a full clinic.

The bench seeds one clinic with 10,000 clients and their session history (the session bench's
seeding), ten practitioners, a signed note for every session, 200 appointments a day for a
month either side of today, home programs for half the clients and 100,000 days of exercises
marked done. Then it asks for each page many times through django.test.Client, in this
process, as a signed-in browser would:

    today        GET /clinics/<id>/today/ as one practitioner (their 20 visits)
    today, all   GET /clinics/<id>/today/?practitioner=all, the front desk's 200 visits
    portal home  GET /portal/ as a client signed in with their link

Server time is the figure: the view, its queries and the rendered template, without a
network. Queries per request are counted once per page. Wall time may include other work on
the machine; the load average is printed beside it.

Run with `uv run repattern bench today [--database-url URL]`. Prints figures; never passes or
fails. The database is made for the run and dropped after it, as in the session bench.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from repattern.bench.own_database import in_own_database
from repattern.bench.session.database import empty_database
from repattern.bench.session.measuring import pick, progress
from repattern.bench.session.report import database_words, machine_words, row_counts

FULL = {"clients": 10_000, "events": 50_000, "appointments": 200, "adherence": 100_000}
QUICK = {"clients": 300, "events": 1_000, "appointments": 40, "adherence": 3_000}
Page = Callable[[], Any]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="repattern bench today",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file")
    for name, value in FULL.items():
        parser.add_argument(f"--{name}", type=int, help=f"default {value:,}")
    parser.add_argument("--samples", type=int, default=200, help="requests timed per page")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, for a smoke test")
    parser.add_argument("--seed", type=int, default=5, help="random seed")
    parser.add_argument(
        "--profile", action="store_true", help="then profile each page and print where time goes"
    )
    args = parser.parse_args(argv)
    for name, value in (QUICK if args.quick else FULL).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if min(args.clients, args.appointments, args.samples) < 1 or args.adherence < 0:
        parser.error("--clients, --appointments and --samples must be at least 1.")
    args.keep = False
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    return in_own_database(args, "today", lambda url, _var_dir: run(args, url))


def run(args: argparse.Namespace, url: str) -> int:
    from django.core.management import call_command

    from repattern.bench.today.seeding import seed
    from repattern.programs.models import AdherenceEntry
    from repattern.treatment.models import Appointment

    empty_database(url)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    seed(args)
    print(f"machine       {machine_words()}")
    print(f"database      {database_words()}")
    print(f"rows          {row_counts()}")
    print(
        f"              {Appointment.objects.count():,} appointments "
        f"({args.appointments} a day), {AdherenceEntry.objects.count():,} adherence entries"
    )
    print(f"set-up        {time.perf_counter() - started:.1f} s")
    pages = _pages()
    header = f"{'mean':>8} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}   ms"
    print(f"\n{'page':<12} {'queries':>7} {'n':>5} {header}")
    for name, page in pages.items():
        queries = _queries(page)
        times = _timed(name, page, args.samples)
        print(
            f"{name:<12} {queries:>7} {len(times):5d} {statistics.fmean(times):8.1f} "
            f"{pick(times, 0.5):8.1f} {pick(times, 0.95):8.1f} {pick(times, 0.99):8.1f} "
            f"{times[-1]:8.1f}"
        )
    print(f"\nmachine       {machine_words()}, after timing")
    if args.profile:
        for name, page in pages.items():
            _profile(name, page, min(args.samples, 20))
    return 0


def _profile(name: str, page: Page, samples: int) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(samples):
        page()
    profiler.disable()
    print(f"\nprofile of {samples} requests of {name}, by own time:")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(25)


def _pages() -> dict[str, Page]:
    """Each page as a call that fetches it once, signed in as its reader."""
    from django.contrib.auth.models import User
    from django.db import close_old_connections
    from django.test import Client as Browser
    from django.utils import timezone

    from repattern.accounts.models import Clinic
    from repattern.portal.services import portal_link_create
    from repattern.treatment.models import Appointment

    clinic = Clinic.objects.get()
    alice = User.objects.get(username="bench-alice")
    staff = Browser()
    staff.force_login(alice)
    coming = Appointment.objects.filter(
        starts_at__gt=timezone.now(), client__home_programs__isnull=False
    ).select_related("client")
    client = coming.first().client  # type: ignore[union-attr]
    _, token = portal_link_create(client=client, user=alice)
    phone = Browser()
    signed_in = phone.get(f"/portal/start/{token}/")
    assert signed_in.status_code == 302, signed_in.status_code

    def fetch(browser: Browser, path: str) -> Page:
        def page() -> Any:
            # As a WSGI server does: old connections closed around each request.
            close_old_connections()
            response = browser.get(path)
            close_old_connections()
            if response.status_code != 200:
                raise SystemExit(f"GET {path} answered {response.status_code}")
            return response

        return page

    today = f"/clinics/{clinic.pk}/today/"
    return {
        "today": fetch(staff, today),
        "today, all": fetch(staff, f"{today}?practitioner=all"),
        "portal home": fetch(phone, "/portal/"),
    }


def _queries(page: Page) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page()  # warm: the atlas, the templates
    with CaptureQueriesContext(connection) as captured:
        page()
    return len(captured.captured_queries)


def _timed(name: str, page: Page, samples: int) -> list[float]:
    times = []
    for done in range(1, samples + 1):
        start = time.perf_counter()
        page()
        times.append((time.perf_counter() - start) * 1000)
        progress(f"timing {name}", done, samples)
    return sorted(times)
