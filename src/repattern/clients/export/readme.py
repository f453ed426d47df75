"""README.txt: what the archive is, and what each file and each key in it holds."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from repattern.clients.export.files import ExportFile
from repattern.clients.models import Client

HOW_TO_READ = """\
How to read the JSON files
--------------------------
client.json and intake.json hold one record each; every other JSON file holds a list of
records, oldest first. Dates are written 2026-11-30; times are in UTC, written
2026-11-30T10:15:00Z. Decimal numbers are written as text ("5.0") so none is rounded. A key
that points at another record holds that record's id (its "id" key in the file named); people
are named by their username. A key ending in _label holds, in words, the code in the key before
it. Version {version} of this format: later versions may add files and keys, but rename or
remove one only with a new version number.

Version 2 replaced version 1's homework.json with the home program files (home_programs.json,
home_program_versions.json, home_exercises.json, home_exercise_days.json), and added
portal_links.json, reminder_choices.json and emails.json.
"""


def readme(
    client: Client, made_by: str, made_at: datetime, version: int, written: list[ExportFile]
) -> str:
    lines = [
        f"Everything Repattern holds about {client.full_name}",
        "",
        f"Client number {client.pk} at {client.clinic.name}. Made on "
        f"{timezone.localtime(made_at):%Y-%m-%d %H:%M %Z} by {made_by}.",
        "",
        "These are clinical records. Keep them where only the people entitled to read them can,",
        "and delete this copy when it is no longer needed.",
        "",
        "Files",
        "-----",
    ]
    lines.append(f"{'README.txt':22} This file.")
    described: set[str] = set()
    for file in written:
        # The note files share one description, under the folder that holds them.
        name = file.name.split("/")[0] + "/" if "/" in file.name else file.name
        if name not in described:
            described.add(name)
            lines.append(f"{name:22} {file.about}")
    lines += ["", HOW_TO_READ.format(version=version)]
    for file in written:
        if file.keys:
            lines += [f"Keys of {file.name}", "-" * len(f"Keys of {file.name}")]
            lines += [f"  {key}: {meaning}" for key, meaning in file.keys]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
