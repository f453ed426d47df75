"""Recording what happens in a session, once each, the moment it happens."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from repattern.engine.atlas import load_atlas
from repattern.engine.errors import EngineError
from repattern.treatment.finding import belief_in
from repattern.treatment.models import Pattern, SessionEvent, TreatmentSession
from repattern.treatment.sites import site_name

Kind = SessionEvent.Kind
PATTERN_STEPS = {Kind.RELEASE, Kind.ACTIVATION, Kind.RETEST, Kind.OUTCOME}


class EventRejected(ValueError):
    """An event that cannot be recorded as it stands; the message says what to do."""


@dataclass(frozen=True)
class EventInput:
    """What the page sends for one event, already checked for shape by the form."""

    event_id: uuid.UUID
    kind: str
    site: str = ""
    candidate: str = ""
    challenge: str = ""
    challenge_other: str = ""
    result: str = ""
    blinded: bool = False
    force_newtons: Decimal | None = None
    note: str = ""
    outcome: str = ""
    pattern_id: int | None = None


def event_record(
    *, session: TreatmentSession, user: User, event: EventInput
) -> tuple[SessionEvent, bool]:
    """Store the event once; returns (event, created). A repeat of a stored id is a no-op."""
    existing = SessionEvent.objects.filter(event_id=event.event_id).first()
    if existing is not None:
        return _same_session(existing, session), False
    try:
        with transaction.atomic():
            # One writer per session at a time, so two tabs cannot interleave a pattern's steps.
            locked = TreatmentSession.objects.select_for_update().get(pk=session.pk)
            return _record(locked, user, event), True
    except IntegrityError:
        # The same event arrived twice at once: the other request stored it.
        stored = SessionEvent.objects.get(event_id=event.event_id)
        return _same_session(stored, session), False


def _same_session(stored: SessionEvent, session: TreatmentSession) -> SessionEvent:
    if stored.session_id != session.pk:
        raise EventRejected("This event id belongs to another session; reload the page.")
    return stored


def _record(session: TreatmentSession, user: User, event: EventInput) -> SessionEvent:
    if not session.is_open:
        raise EventRejected("This session has ended; start a new session to record more.")
    _check_sites(event)
    pattern = _pattern_for(session, event)
    row = SessionEvent(
        event_id=event.event_id,
        session=session,
        kind=event.kind,
        site=event.site,
        candidate=event.candidate,
        challenge=event.challenge,
        challenge_other=event.challenge_other,
        result=event.result,
        blinded=event.blinded and event.kind == Kind.CHALLENGE,
        force_newtons=event.force_newtons,
        note=event.note,
        outcome=event.outcome,
        pattern=pattern,
        recorded_by=user,
    )
    if row.blinded:
        # A blinded retest needs the belief it was made under to count toward reliability.
        row.prior = belief_in(session, event.site, event.candidate)
    if pattern is not None and event.kind != Kind.CONFIRM:
        row.site = pattern.inhibited
        row.candidate = pattern.facilitated
    try:
        row.full_clean(exclude=["pattern", "session", "recorded_by", "event_id"])
    except ValidationError as error:
        raise EventRejected(" ".join(error.messages)) from error
    row.save()
    if pattern is not None:
        _advance(pattern, row)
    return row


def _held_since_last_layer(session: TreatmentSession, site: str, candidate: str) -> bool:
    last_settled = (
        session.events.filter(pattern__inhibited=site, kind__in=[Kind.RETEST, Kind.OUTCOME])
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    held = session.events.filter(
        kind=Kind.CHALLENGE,
        site=site,
        candidate=candidate,
        result="holds",
        id__gt=last_settled or 0,
    )
    return held.exists()


def _check_sites(event: EventInput) -> None:
    """Every site named must be one the atlas knows, on a side it has."""
    atlas = load_atlas()
    for what, site in (("tested muscle", event.site), ("challenged structure", event.candidate)):
        if not site:
            continue
        try:
            atlas.site(site)
        except EngineError as problem:
            raise EventRejected(f"The {what} is not in the atlas: {problem}") from problem
    if event.site and event.site == event.candidate:
        raise EventRejected("A muscle cannot compensate for itself: challenge another structure.")


def _pattern_for(session: TreatmentSession, event: EventInput) -> Pattern | None:
    if event.kind == Kind.CONFIRM:
        return _confirm(session, event)
    if event.kind not in PATTERN_STEPS:
        return None
    pattern = session.patterns.filter(pk=event.pattern_id).first() if event.pattern_id else None
    if pattern is None:
        raise EventRejected("Say which pattern this step belongs to.")
    if not pattern.is_open and event.kind != Kind.OUTCOME:
        raise EventRejected(
            f"The pattern {_words(pattern)} is already {pattern.get_status_display().lower()}."
        )
    if event.kind == Kind.RETEST:
        steps = set(pattern.events.values_list("kind", flat=True))
        missing = [
            name
            for kind, name in (("release", "release"), ("activation", "activation"))
            if kind not in steps
        ]
        if missing:
            raise EventRejected(f"Record the {' and the '.join(missing)} before the retest.")
    return pattern


def _words(pattern: Pattern) -> str:
    atlas = load_atlas()
    return (
        f"{site_name(atlas, pattern.inhibited)} inhibited with "
        f"{site_name(atlas, pattern.facilitated)} facilitated"
    )


def _confirm(session: TreatmentSession, event: EventInput) -> Pattern:
    if not event.site or not event.candidate:
        raise EventRejected("A pattern needs the inhibited muscle and the facilitated structure.")
    open_pattern = session.patterns.filter(status=Pattern.Status.CONFIRMED).first()
    if open_pattern is not None:
        raise EventRejected(
            f"Finish the open pattern first ({_words(open_pattern)}): retest, or defer it."
        )
    if not _held_since_last_layer(session, event.site, event.candidate):
        name = site_name(load_atlas(), event.candidate)
        raise EventRejected(
            f"Challenge {name} first: a pattern is confirmed by a challenge that makes the weak "
            "muscle hold."
        )
    layer = session.patterns.filter(inhibited=event.site).count() + 1
    pattern = Pattern(
        session=session,
        inhibited=event.site,
        facilitated=event.candidate,
        layer=layer,
        # What the engine believed of this compensator when the practitioner confirmed it.
        probability=belief_in(session, event.site, event.candidate),
        window_seconds=session.window_seconds,
    )
    try:
        pattern.full_clean(exclude=["session"])
    except ValidationError as error:
        raise EventRejected(" ".join(error.messages)) from error
    pattern.save()
    return pattern


def _advance(pattern: Pattern, row: SessionEvent) -> None:
    """A retest decides the pattern; an outcome event settles it explicitly."""
    status = None
    if row.kind == Kind.RETEST:
        status = Pattern.Status.CORRECTED if row.result == "holds" else Pattern.Status.NOT_CORRECTED
        elapsed = (timezone.now() - pattern.confirmed_at).total_seconds()
        pattern.retested_late = elapsed > pattern.window_seconds
    elif row.kind == Kind.OUTCOME:
        if row.outcome not in Pattern.Status.values or row.outcome == Pattern.Status.CONFIRMED:
            raise EventRejected("An outcome is corrected, not corrected or deferred.")
        status = Pattern.Status(row.outcome)
    if status is not None:
        pattern.status = status
        pattern.ended_at = timezone.now()
        pattern.save(update_fields=["status", "ended_at", "retested_late"])
