"""Each signed SOAP note as plain text, with its amendments and their dates: readable anywhere."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from repattern.clients.export.files import ExportFile
from repattern.clients.held import Held
from repattern.treatment.models import SessionNote

ABOUT = "Each signed SOAP note as plain text, with its amendments and their dates."
SECTIONS = (
    ("Subjective", "subjective"),
    ("Objective", "objective"),
    ("Assessment", "assessment"),
    ("Plan", "plan"),
)


def when(moment: datetime | None) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M %Z}" if moment else "not recorded"


def note_text(note: SessionNote) -> str:
    session, client = note.session, note.session.client
    signer = note.signed_by.get_username() if note.signed_by else "unknown"
    lines = [
        f"SOAP note: {client.full_name} (client number {client.pk})",
        f"Session {session.pk}, {when(session.started_at)} to {when(session.ended_at)}, "
        f"with {session.practitioner.get_username()}",
        f"Signed by {signer} on {when(note.signed_at)}",
    ]
    for title, name in SECTIONS:
        lines += ["", title, "-" * len(title), getattr(note, name).strip() or "(nothing written)"]
    amendments = list(note.amendments.select_related("written_by").order_by("written_at", "pk"))
    if amendments:
        lines += ["", "Amendments", "----------"]
        for amendment in amendments:
            lines += [f"{when(amendment.written_at)}, {amendment.written_by.get_username()}:"]
            lines += [amendment.text.strip(), ""]
    return "\n".join(lines).rstrip() + "\n"


def files(held_about: Held) -> list[ExportFile]:
    notes = (
        SessionNote.objects.filter(session__client=held_about.client, signed_at__isnull=False)
        .select_related("session__client", "session__practitioner", "signed_by")
        .order_by("session__started_at", "pk")
    )
    return [
        ExportFile(
            f"notes/session-{n.session_id}-{timezone.localtime(n.session.started_at):%Y-%m-%d}.txt",
            note_text(n),
            ABOUT,
        )
        for n in notes
    ]
