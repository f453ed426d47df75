"""Everything held about one client as a ZIP: the records as JSON, signed notes as text, and a
README.txt that says what each file holds.

Each part writes its own files from the same records; a PDF summary or a FHIR bundle would be
one more part in PARTS.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder

from repattern.clients.export import notes_text, records_json
from repattern.clients.export.files import ExportFile
from repattern.clients.export.readme import readme
from repattern.clients.held import Held

FORMAT = "repattern-client-export"
VERSION = 2
PARTS: tuple[Callable[[Held], list[ExportFile]], ...] = (records_json.files, notes_text.files)
MANIFEST_ABOUT = "What this archive is: its format and version, when and by whom it was made."


def contents() -> list[tuple[str, str]]:
    """(file name, what it holds) for the page that offers the download."""
    return (
        [("README.txt", "What each file holds."), ("export.json", MANIFEST_ABOUT)]
        + [(spec.name, spec.about) for spec in records_json.FILES]
        + [("notes/", notes_text.ABOUT)]
    )


def export_zip(held: Held, made_by: str, made_at: datetime) -> bytes:
    written = [file for part in PARTS for file in part(held)]
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "made_at": made_at,
        "made_by": made_by,
        "clinic": held.client.clinic.name,
        "client_number": held.client.pk,
        "records": {f.name: f.records for f in written if f.name.endswith(".json")},
    }
    manifest_file = ExportFile(
        "export.json",
        json.dumps(manifest, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False) + "\n",
        MANIFEST_ABOUT,
    )
    every = [manifest_file, *written]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme(held.client, made_by, made_at, VERSION, every))
        for file in every:
            archive.writestr(file.name, file.text)
    return buffer.getvalue()
