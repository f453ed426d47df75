"""Recording what happens in a session, once each, the moment it happens.

Every event goes through the session rules (`engine.session`): one the rules forbid is refused
with their sentence, and nothing is stored. The event log is its own audit trail: each row keeps
who recorded it and when, and is never edited or deleted. A second audit row per tap would
double every write on the session screen's busiest path and say nothing the row does not; the
views audit each reading of the session instead.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from repattern.atlas.services import clinic_atlas
from repattern.engine.atlas import Atlas
from repattern.engine.errors import EngineError
from repattern.engine.session import Change, Event, EventKind, PatternStatus, Refused, Result
from repattern.treatment.inputs import SessionRecord, session_record
from repattern.treatment.models import Pattern, SessionEvent, TreatmentSession
from repattern.treatment.regions import BadRegion, check_region
from repattern.treatment.screen import belief_in, listed_by_engine


class EventRejected(ValueError):
    """An event that cannot be recorded as it stands; the message says what to do."""


class SessionEnded(EventRejected):
    """The session ended (perhaps in another tab) before this event arrived."""


@dataclass(frozen=True)
class EventInput:
    """What the page (or an API client) sends for one event, already checked for shape."""

    event_id: uuid.UUID
    kind: EventKind
    site: str = ""
    candidate: str = ""
    challenge: str = ""
    challenge_other: str = ""
    result: Result | None = None
    blinded: bool = False
    force_newtons: Decimal | None = None
    note: str = ""
    outcome: PatternStatus | None = None
    pattern_id: int | None = None
    region: str = ""  # a region challenge: the contact's name
    members: tuple[str, ...] = ()  # and the structures under it


@dataclass(frozen=True)
class Recorded:
    """The stored event, whether this call stored it, and the session as it now stands."""

    event: SessionEvent
    created: bool
    record: SessionRecord


def event_record(*, session: TreatmentSession, user: User, event: EventInput) -> Recorded:
    """Store the event once; a repeat of a stored id changes nothing and is not an error."""
    try:
        with transaction.atomic():
            # One writer per session at a time, so two tabs cannot interleave a pattern's steps.
            locked = (
                TreatmentSession.objects.select_for_update(of=("self",))
                .select_related("client", "client__clinic", "practitioner")
                .get(pk=session.pk)
            )
            return _record(locked, user, event)
    except IntegrityError:
        # The same event arrived twice at once: the other request stored it.
        stored = SessionEvent.objects.get(event_id=event.event_id)
        return Recorded(_same_session(stored, session), False, session_record(session))


def _same_session(stored: SessionEvent, session: TreatmentSession) -> SessionEvent:
    if stored.session_id != session.pk:
        raise EventRejected("This event id belongs to another session; reload the page.")
    return stored


def _as_rule(event: EventInput) -> Event:
    return Event(
        id=0,
        kind=event.kind,
        site=event.site,
        candidate=event.candidate,
        result=event.result,
        outcome=event.outcome,
        pattern=event.pattern_id,
        blinded=event.blinded and event.kind == EventKind.CHALLENGE,
        region=event.region if event.kind == EventKind.REGION else "",
        members=event.members if event.kind == EventKind.REGION else (),
    )


def _record(session: TreatmentSession, user: User, event: EventInput) -> Recorded:
    if not session.may_record(user.pk):
        raise EventRejected(
            f"Only {session.practitioner.get_username()}, who treats in this session, and the "
            "colleagues they add to it record its events: ask them to add you."
        )
    if not session.is_open:
        raise SessionEnded(
            "This session had ended before this entry arrived: keep it with the session, or "
            "start a new session to record more."
        )
    atlas = clinic_atlas(session.client.clinic_id)
    record = session_record(session, atlas)
    stored = next((row for row in record.rows if row.event_id == event.event_id), None)
    if stored is not None:
        # Sent again (a double tap, a retry): it is here already, and nothing changes.
        return Recorded(stored, False, record)
    _check_sites(atlas, event)
    now = timezone.now()
    try:
        rule = _as_rule(event)
        record.log.check(rule, now.timestamp())
    except Refused as refused:
        raise EventRejected(str(refused)) from refused
    change = record.log.change(rule, now.timestamp())
    patterns = {p.pk: p for p in record.patterns}
    pattern = patterns.get(event.pattern_id) if event.pattern_id else None
    if change.opens is not None:
        pattern = _open(session, record, change, now)
    row = SessionEvent(
        event_id=event.event_id,
        session=session,
        kind=event.kind,
        site=event.site,
        candidate=event.candidate,
        challenge=event.challenge,
        challenge_other=event.challenge_other,
        result=event.result or "",
        blinded=rule.blinded,
        force_newtons=event.force_newtons,
        note=event.note,
        outcome=event.outcome or "",
        region=rule.region,
        members=list(rule.members),
        pattern=pattern,
        recorded_by=user,
        recorded_at=now,
    )
    if row.blinded:
        # A blinded retest needs the belief it was made under to count toward reliability.
        row.prior = belief_in(session, record, event.site, event.candidate)
    if pattern is not None and rule.kind is not EventKind.CONFIRM:
        row.site, row.candidate = pattern.inhibited, pattern.facilitated
    _save(row, exclude=["pattern", "session", "recorded_by", "event_id"])
    if pattern is not None and change.settles is not None:
        pattern.status, pattern.ended_at, pattern.retested_late = change.settles, now, change.late
        pattern.save(update_fields=["status", "ended_at", "retested_late"])
        patterns[pattern.pk] = pattern
    elif pattern is not None:
        patterns[pattern.pk] = pattern
    log = record.log.with_event(replace(rule, id=row.pk), change, pattern.pk if pattern else None)
    ordered = sorted(patterns.values(), key=lambda p: (p.confirmed_at, p.pk))
    return Recorded(row, True, SessionRecord([*record.rows, row], ordered, log, atlas))


def _open(
    session: TreatmentSession, record: SessionRecord, change: Change, now: datetime
) -> Pattern:
    """A pattern confirmed by this event, with the engine's belief in it at that moment."""
    opens = change.opens
    assert opens is not None
    pattern = Pattern(
        session=session,
        inhibited=opens.inhibited,
        facilitated=opens.facilitated,
        layer=opens.layer,
        probability=belief_in(session, record, opens.inhibited, opens.facilitated),
        compensator_added=not listed_by_engine(session, record, opens.inhibited, opens.facilitated),
        window_seconds=opens.window_seconds,
        confirmed_at=now,
    )
    _save(pattern, exclude=["session"])
    return pattern


def _save(row: SessionEvent | Pattern, exclude: list[str]) -> None:
    try:
        row.full_clean(exclude=exclude)
    except ValidationError as error:
        raise EventRejected(" ".join(error.messages)) from error
    row.save()


def _check_sites(atlas: Atlas, event: EventInput) -> None:
    """Every site named must be one the atlas knows, on a side it has; a region challenge
    names a contact of the atlas and structures it covers."""
    for what, site in (("tested muscle", event.site), ("candidate", event.candidate)):
        if not site:
            continue
        try:
            atlas.site(site)
        except EngineError as problem:
            raise EventRejected(f"The {what} is not in the atlas: {problem}") from problem
    if event.kind != EventKind.REGION:
        return
    if event.candidate:
        raise EventRejected(
            "A region challenge names its region and members, not one candidate: send one or "
            "the other."
        )
    if event.pattern_id is not None:
        raise EventRejected(
            "A region challenge belongs to the search, not to a confirmed pattern: leave out "
            "the pattern."
        )
    if event.region:
        try:
            check_region(atlas, event.region, event.members)
        except BadRegion as bad:
            raise EventRejected(str(bad)) from bad
