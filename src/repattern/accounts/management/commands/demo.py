from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from repattern import demo, demo_history
from repattern.accounts.models import Clinic
from repattern.profession.demo import CERTIFIER


def _exit(signum: int, frame: object) -> None:
    raise SystemExit(0)


@contextmanager
def worker_beside() -> Iterator[None]:
    """`repattern worker` in a process of its own while the server runs, so the demo's e-mails
    are sent (to this console, unless EMAIL_BACKEND says otherwise); stopped with the server."""
    worker = subprocess.Popen([sys.executable, "-m", "repattern.cli", "worker", "--workers", "1"])
    # Stopped by a signal rather than Ctrl-C, the server still unwinds, and stops the worker.
    previous = signal.signal(signal.SIGTERM, _exit)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


class Command(BaseCommand):
    help = "Load a demo clinic and serve it on 127.0.0.1: for trying Repattern, not production."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--port", type=int, default=8000, help="Port to serve on (default 8000)"
        )
        parser.add_argument(
            "--reset", action="store_true", help="Delete all data and load the demo afresh"
        )
        parser.add_argument("--no-serve", action="store_true", help="Load the data and stop")

    def handle(self, *args: Any, **options: Any) -> None:
        port = options["port"]
        if not 1 <= port <= 65535:
            self.stderr.write("--port must be between 1 and 65535.")
            raise SystemExit(2)
        call_command("migrate", interactive=False, verbosity=0)
        if options["reset"]:
            call_command("flush", interactive=False, verbosity=0)
        try:
            created = demo.demo_load()
        except demo.DemoClash as clash:
            raise CommandError(str(clash)) from clash
        self.stdout.write(
            "Loaded the demo clinic." if created else "Using the demo data already here."
        )
        self.stdout.write(f"\nRepattern is at http://127.0.0.1:{port}/\n")
        self.stdout.write(f"Sign in with a password of {demo.PASSWORD!r} as:")
        for username, role, _ in demo.STAFF:
            self.stdout.write(f"  {username:8} {role}")
        self.stdout.write(f"  {CERTIFIER[0]:8} certifier (of no clinic)")
        clinic = Clinic.objects.get(name=demo.CLINIC_NAME)
        name, link = demo_history.portal_link(clinic, f"http://127.0.0.1:{port}")
        self.stdout.write(f"\n{name}'s client portal, as her e-mailed link opens it:\n  {link}\n")
        owner = demo.STAFF[0][0]
        self.stdout.write(f"\nAPI token for {owner} (read and write): {demo.demo_api_token()}")
        self.stdout.write(
            f"  curl -H 'Authorization: Bearer <token>' http://127.0.0.1:{port}/api/v1/clients"
        )
        self.stdout.write("")
        if not options["no_serve"]:
            with worker_beside():
                call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)
