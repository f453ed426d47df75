from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from repattern.accounts.services import clinic_create, clinic_name_check


class Command(BaseCommand):
    help = "Create a clinic and its owner from the terminal."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="The clinic's name, e.g. 'Northside Clinic'")
        parser.add_argument(
            "--owner", required=True, help="Username of the owner (new or existing)"
        )
        parser.add_argument("--email", default="", help="The owner's e-mail address")
        parser.add_argument(
            "--no-password",
            action="store_true",
            help="Do not ask for a password; the owner sets one with 'Forgotten your password?'",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["name"].strip():
            raise CommandError(
                "Give the clinic a name, e.g. repattern createclinic 'Northside Clinic' "
                "--owner olivia."
            )
        try:
            clinic_name_check(options["name"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        owner = options["owner"]
        existing = get_user_model().objects.filter(username=owner).exists()
        # An existing user keeps the password and e-mail they have.
        password = None if options["no_password"] or existing else self.ask_password(owner)
        try:
            clinic = clinic_create(
                name=options["name"],
                owner_username=options["owner"],
                owner_email=options["email"],
                owner_password=password,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        if existing:
            self.stdout.write(
                f"Using the existing user {owner}; their e-mail is unchanged "
                "and they keep their password."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Created clinic {clinic.name!r} (id {clinic.pk}) with owner {options['owner']}."
            )
        )

    def ask_password(self, username: str) -> str:
        if not sys.stdin.isatty():
            raise CommandError(
                "No terminal to ask for a password: run it in a terminal, or pass --no-password."
            )
        while True:
            first = getpass.getpass(f"Password for {username}: ")
            if first != getpass.getpass("Again: "):
                self.stderr.write("The two passwords differ; try again.")
                continue
            try:
                password_validation.validate_password(first)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return first
