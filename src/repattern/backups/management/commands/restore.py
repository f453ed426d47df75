from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from repattern.backups.database import restore, where
from repattern.backups.errors import BackupError


class Command(BaseCommand):
    help = (
        "Restore a backup made by 'repattern backup' into the configured database, which must be "
        "empty unless --replace is given. Stop Repattern first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete everything in the database first, and put the backup in its place",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            restored = restore(path, replace=options["replace"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {path} into {where()}."))
        if restored.migrations_to_apply:
            self.stdout.write(
                f"The backup is from an older version of Repattern: run 'repattern migrate' "
                f"to apply {restored.migrations_to_apply} migration(s) before serving."
            )
