"""What waits for a practitioner beyond today's appointments: notes of ended sessions still
unsigned, and clients whose home program has gone quiet (nothing marked done for some days)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import OuterRef, Q, Subquery
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
    the quiet ones, so a clinic with thousands of programs hands the page only their dates."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=QUIET_DAYS)
    latest = TreatmentSession.objects.filter(client=OuterRef("client")).order_by("-started_at")
    marked = AdherenceEntry.objects.filter(program=OuterRef("pk")).order_by("-day")
    programs = HomeProgram.objects.filter(
        ended_at__isnull=True,
        client__clinic_id=clinic_id,
        client__archived_at__isnull=True,
        # Begun on the cutoff day or before (compared as a moment, which needs no date function).
        created_at__lt=timezone.make_aware(datetime.combine(cutoff + timedelta(days=1), time())),
    ).annotate(last_marked=Subquery(marked.values("day")[:1]))
    programs = programs.filter(Q(last_marked__isnull=True) | Q(last_marked__lte=cutoff))
    if practitioner_ids is not None:
        programs = programs.annotate(
            practitioner_id=Subquery(latest.values("practitioner_id")[:1])
        ).filter(practitioner_id__in=list(practitioner_ids))
    since = {}
    for pk, last_marked, created_at in programs.values_list("pk", "last_marked", "created_at"):
        began = timezone.localdate(created_at)
        since[pk] = max(last_marked or began, began)
    longest = sorted(since, key=lambda pk: (since[pk], pk))[:SHOWN]
    shown = HomeProgram.objects.select_related("client").in_bulk(longest)
    return [Quiet(shown[pk].client, shown[pk], (today - since[pk]).days) for pk in longest]


def attention(
    clinic_id: int, practitioner_ids: Iterable[int] | None, *, notes: bool = True
) -> Attention:
    """What waits; `notes` False for a member who may not open sessions (the front desk)."""
    ids = list(practitioner_ids) if practitioner_ids is not None else None
    drafts = unsigned_notes(clinic_id, ids) if notes else []
    return Attention(drafts, quiet_programs(clinic_id, ids))
