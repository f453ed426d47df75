"""What waits for a practitioner beyond today's appointments: notes of ended sessions still
unsigned, and clients whose home program has gone quiet (nothing marked done for some days)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone

from repattern.clients.models import Client
from repattern.programs.models import AdherenceEntry, HomeProgram
from repattern.treatment.models import SessionNote, TreatmentSession

QUIET_DAYS = 3
SHOWN = 10


@dataclass(frozen=True)
class Quiet:
    client: Client
    program: HomeProgram
    days: int


@dataclass(frozen=True)
class Attention:
    unsigned: list[TreatmentSession]
    quiet: list[Quiet]

    def __bool__(self) -> bool:
        return bool(self.unsigned or self.quiet)


def unsigned_notes(
    clinic_id: int, practitioner_ids: Iterable[int] | None
) -> list[TreatmentSession]:
    """Ended sessions whose note is a draft still, oldest first: they are not yet the record."""
    drafts = SessionNote.objects.filter(
        signed_at__isnull=True,
        session__client__clinic_id=clinic_id,
        session__ended_at__isnull=False,
    )
    if practitioner_ids is not None:
        drafts = drafts.filter(session__practitioner_id__in=list(practitioner_ids))
    sessions = drafts.select_related("session__client").order_by("session__ended_at")[:SHOWN]
    return [note.session for note in sessions]


def quiet_programs(
    clinic_id: int, practitioner_ids: Iterable[int] | None, today: date | None = None
) -> list[Quiet]:
    """Active home programs with nothing marked for QUIET_DAYS days or more, the longest quiet
    first; a client counts for the practitioner of their latest session. The database picks
    them, so a clinic with thousands of programs hands the page only the few it shows."""
    today = today or timezone.localdate()
    latest = TreatmentSession.objects.filter(client=OuterRef("client")).order_by("-started_at")
    marked = AdherenceEntry.objects.filter(program=OuterRef("pk")).order_by("-day")
    began = TruncDate("created_at")
    programs = HomeProgram.objects.filter(
        ended_at__isnull=True, client__clinic_id=clinic_id, client__archived_at__isnull=True
    ).annotate(
        last_marked=Subquery(marked.values("day")[:1]),
        quiet_since=Greatest(Coalesce("last_marked", began), began),
    )
    if practitioner_ids is not None:
        programs = programs.annotate(
            practitioner_id=Subquery(latest.values("practitioner_id")[:1])
        ).filter(practitioner_id__in=list(practitioner_ids))
    cutoff = today - timedelta(days=QUIET_DAYS)
    quiet = programs.filter(quiet_since__lte=cutoff).order_by("quiet_since", "pk")
    return [
        Quiet(program.client, program, (today - program.quiet_since).days)
        for program in quiet.select_related("client")[:SHOWN]
    ]


def attention(clinic_id: int, practitioner_ids: Iterable[int] | None) -> Attention:
    ids = list(practitioner_ids) if practitioner_ids is not None else None
    return Attention(unsigned_notes(clinic_id, ids), quiet_programs(clinic_id, ids))
