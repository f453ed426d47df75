from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from repattern.backups.database import backup, where
from repattern.backups.errors import BackupError


class Command(BaseCommand):
    help = (
        "Back up the whole database to one file, safely while Repattern runs. "
        "The file holds clinical records: store it encrypted, readable only by those entitled."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", type=Path, help="The file to write, e.g. var/backups/2026-11-30.db"
        )
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace the file if it exists already"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        started = time.perf_counter()
        try:
            kind = backup(path, overwrite=options["overwrite"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        seconds = time.perf_counter() - started
        megabytes = path.stat().st_size / 1_000_000
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {where()} to {path} ({kind}, {megabytes:.2f} MB, {seconds:.2f} s)."
            )
        )
        self.stdout.write(
            "It holds clinical records: keep it encrypted, where only those entitled can read it."
        )
