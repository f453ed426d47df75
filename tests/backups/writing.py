"""Run as `python -m tests.backups.writing FOLDER`: the app at work. It registers clients one
after another, each in its own transaction (the client, their intake and the audit row), writes
FOLDER/ready after the first few, and stops when FOLDER/stop appears, printing how many it wrote.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import django

PREFIX = "Writer"
READY_AFTER = 5


def write_until_stopped(folder: Path) -> int:
    from repattern.accounts.models import Clinic
    from repattern.clients import services

    clinic = Clinic.objects.get()
    written = 0
    while not (folder / "stop").exists():
        written += 1
        services.client_create(
            clinic=clinic,
            user=None,
            details=services.ClientDetails(PREFIX, f"{written:06d}", date(1990, 1, 1)),
        )
        if written == READY_AFTER:
            (folder / "ready").touch()
    return written


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repattern.settings")
    django.setup()
    print(write_until_stopped(Path(sys.argv[1])))
