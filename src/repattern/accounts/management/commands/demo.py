from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from repattern import demo


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
        owner = demo.STAFF[0][0]
        self.stdout.write(f"\nAPI token for {owner} (read and write): {demo.demo_api_token()}")
        self.stdout.write(
            f"  curl -H 'Authorization: Bearer <token>' http://127.0.0.1:{port}/api/v1/clients"
        )
        self.stdout.write("")
        if not options["no_serve"]:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)
