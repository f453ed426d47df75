"""The rules of a treatment session, once: what may follow what, when a window closes, which
outcome a pattern may take (DOMAIN.md section 1).

A session is a log of events. A muscle tests weak and opens a *finding*: the search for its
compensator. Challenges narrow the search, of one structure or of a *region* (several
structures under one contact, counted against the window like one challenge); a challenge of
one structure that makes the weak muscle hold allows the practitioner to confirm a *pattern*,
which opens the learning window. Inside it the
facilitated structure is released, then the inhibited muscle activated, then retested: a retest
that holds corrects the pattern, one that stays weak leaves it not corrected and the search goes
on in a new *layer*, without the structure already released. A pattern still open can be
deferred. A settled pattern stays settled.

`SessionLog.check()` refuses what the rules forbid with a sentence that says why and what to do;
`SessionLog.change()` says what an allowed event changes. The services store events through
them, the session screen shows findings through them, and the benchmark seeds through them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from repattern.engine.errors import EngineError
from repattern.engine.session_terms import (
    EVENT_LABELS,
    OUTCOMES_BY_HAND,
    PATTERN_LABELS,
    PATTERN_STEPS,
    REGION_SMALLEST,
    SEARCH_CHALLENGES,
    TESTS,
    WINDOW_TESTS,
    EventKind,
    PatternStatus,
    Result,
)

__all__ = [
    "EVENT_LABELS",
    "OUTCOMES_BY_HAND",
    "PATTERN_LABELS",
    "PATTERN_STEPS",
    "REGION_SMALLEST",
    "SEARCH_CHALLENGES",
    "TESTS",
    "WINDOW_TESTS",
    "Change",
    "Event",
    "EventKind",
    "Finding",
    "Layer",
    "Pattern",
    "PatternStatus",
    "Refused",
    "Result",
    "SessionLog",
]


class Refused(EngineError):
    """An event the rules of a session do not allow; the message says why and what to do."""


@dataclass(frozen=True)
class Event:
    """One thing that happened, in recording order (`id` grows with time)."""

    id: int
    kind: EventKind
    site: str = ""
    candidate: str = ""
    result: Result | None = None
    outcome: PatternStatus | None = None
    pattern: int | None = None
    blinded: bool = False
    region: str = ""  # a region challenge: the contact's name ("right lower abdomen")
    members: tuple[str, ...] = ()  # and the structures under it, challenged together

    def __post_init__(self) -> None:
        # Callers may pass the words ("challenge", "holds"); the rules compare members.
        try:
            object.__setattr__(self, "kind", EventKind(self.kind))
            if self.result is not None:
                object.__setattr__(self, "result", Result(self.result))
            if self.outcome is not None:
                object.__setattr__(self, "outcome", PatternStatus(self.outcome))
            object.__setattr__(self, "members", tuple(self.members))
        except ValueError as problem:
            raise Refused(
                f"{problem}: use one of the kinds, results and outcomes listed."
            ) from None

    @property
    def held(self) -> bool:
        return self.result is Result.HOLDS

    @property
    def weak(self) -> bool:
        return self.result is Result.WEAK


@dataclass(frozen=True)
class Pattern:
    """A confirmed (inhibited, facilitated) pair and where it stands."""

    id: int
    inhibited: str
    facilitated: str
    layer: int
    status: PatternStatus = PatternStatus.OPEN
    confirmed_at: float = 0.0  # seconds, on the clock the caller passes as `now`
    window_seconds: int = 45

    @property
    def is_open(self) -> bool:
        return self.status is PatternStatus.OPEN

    def window_remaining(self, now: float) -> float:
        return max(0.0, self.window_seconds - (now - self.confirmed_at))

    def window_closed(self, now: float) -> bool:
        return self.window_remaining(now) == 0.0


@dataclass(frozen=True)
class Layer:
    """One round of the search for an inhibited site's compensator."""

    number: int
    start: int  # the search counts events after this id
    challenges: tuple[Event, ...]  # of single structures and of regions, in order
    tests_left: int  # challenges that still fit in this learning window


@dataclass(frozen=True)
class Finding:
    """An inhibited site and its search: the current layer, its open pattern, settled ones."""

    site: str
    layer: Layer
    open_pattern: Pattern | None
    settled: tuple[Pattern, ...]

    @property
    def excluded(self) -> frozenset[str]:
        """Structures already released for this site: not candidates for the next layer."""
        return frozenset(p.facilitated for p in self.settled)

    def held(self, candidate: str) -> bool:
        """A challenge of `candidate` made the weak muscle hold in this layer: it may be
        confirmed. A region that held does not name one of its members: narrow inside."""
        return any(
            e.kind is EventKind.CHALLENGE and e.candidate == candidate and e.held
            for e in self.layer.challenges
        )


@dataclass(frozen=True)
class Change:
    """What an allowed event changes besides being stored."""

    opens: Pattern | None = None  # a new pattern (its id is left to the caller)
    settles: PatternStatus | None = None
    late: bool = False


def _as_is(site: str) -> str:
    return site


@dataclass(frozen=True)
class SessionLog:
    """A session's events and patterns, and the rules applied to them."""

    events: tuple[Event, ...] = ()
    patterns: tuple[Pattern, ...] = ()
    ended: bool = False
    window_seconds: int = 45
    name: Callable[[str], str] = field(default=_as_is, compare=False, repr=False)

    def open_pattern(self) -> Pattern | None:
        return next((p for p in self.patterns if p.is_open), None)

    def pattern(self, pattern_id: int | None) -> Pattern | None:
        return next((p for p in self.patterns if p.id == pattern_id), None)

    def steps(self, pattern: Pattern) -> frozenset[EventKind]:
        """The steps recorded for a pattern so far."""
        return frozenset(e.kind for e in self.events if e.pattern == pattern.id)

    def open_findings(self) -> list[str]:
        """Sites whose latest test or retest was weak, most recent first."""
        latest: dict[str, Event] = {}
        for event in self.events:
            if event.kind in TESTS and event.site:
                latest[event.site] = event
        weak = [e for e in latest.values() if e.weak]
        return [e.site for e in sorted(weak, key=lambda e: -e.id)]

    def layer_start(self, site: str) -> int:
        """The id after which this site's current search began: its last settled pattern, or
        the last time it held."""
        settled = {p.id for p in self.patterns if p.inhibited == site and not p.is_open}
        ended = [
            e.id
            for e in self.events
            if e.pattern in settled and e.kind in (EventKind.RETEST, EventKind.OUTCOME)
        ]
        held = [e.id for e in self.events if e.site == site and e.kind in TESTS and e.held]
        return max([0, *ended, *held])

    def finding(self, site: str) -> Finding:
        mine = [p for p in self.patterns if p.inhibited == site]
        open_pattern = next((p for p in mine if p.is_open), None)
        start = self.layer_start(site)
        challenges = tuple(
            e
            for e in self.events
            if e.kind in SEARCH_CHALLENGES and e.site == site and e.id > start
        )
        # A learning window opens each time the muscle tests weak: count the challenges since.
        last_weak = max(
            (e.id for e in self.events if e.site == site and e.kind in TESTS and e.weak),
            default=0,
        )
        in_window = sum(1 for e in challenges if e.id > last_weak)
        layer = Layer(
            number=len(mine) + (0 if open_pattern else 1),
            start=start,
            challenges=challenges,
            tests_left=max(0, WINDOW_TESTS - in_window),
        )
        settled = tuple(p for p in mine if not p.is_open)
        return Finding(site, layer, open_pattern, settled)

    def findings(self) -> list[Finding]:
        return [self.finding(site) for site in self.open_findings()]

    def check(self, event: Event, now: float) -> None:
        """Raise `Refused`, saying why, if the rules do not allow `event` now."""
        if self.ended:
            raise Refused("This session has ended; start a new session to record more.")
        if event.kind in (*TESTS, *SEARCH_CHALLENGES) and event.result is None:
            raise Refused("Say whether the muscle held or was weak.")
        if event.kind in PATTERN_STEPS:
            self._check_step(event, now)
        elif not event.site:
            raise Refused("Say which muscle was tested.")
        elif event.kind is EventKind.TEST:
            self._check_test(event)
        elif event.kind is EventKind.REGION:
            self._check_region(event)
        else:
            self._check_search(event)

    def _check_test(self, event: Event) -> None:
        pattern = self.open_pattern()
        if pattern is not None and pattern.inhibited == event.site:
            raise Refused(
                f"{self.name(event.site)} is in its learning window: retest it there, or defer "
                "the pattern first."
            )

    def _check_search(self, event: Event) -> None:
        """A challenge or a confirmation, made for a muscle that tests weak."""
        if not event.candidate:
            raise Refused("Say which structure was challenged.")
        if event.candidate == event.site:
            raise Refused("A muscle cannot compensate for itself: challenge another structure.")
        site, candidate = self.name(event.site), self.name(event.candidate)
        if event.site not in self.open_findings():
            raise Refused(
                f"Test {site} first: challenges and patterns belong to a muscle that tests weak."
            )
        finding = self.finding(event.site)
        if event.candidate in finding.excluded:
            raise Refused(
                f"{candidate} was already released for {site} in this session: challenge "
                "another structure."
            )
        open_pattern = self.open_pattern()
        if event.kind is EventKind.CHALLENGE:
            if open_pattern is not None and open_pattern.inhibited == event.site:
                raise Refused(
                    f"{site} is in its learning window with {self.name(open_pattern.facilitated)}:"
                    " release, activate and retest, or defer the pattern."
                )
            return
        if open_pattern is not None:
            raise Refused(
                f"Finish the open pattern first ({self._words(open_pattern)}): retest, or defer it."
            )
        if not finding.held(event.candidate):
            raise Refused(
                f"Challenge {candidate} first: a pattern is confirmed by a challenge that makes "
                "the weak muscle hold."
            )

    def _check_region(self, event: Event) -> None:
        """A region challenge: a challenge of its members together, allowed where one is."""
        if not event.region:
            raise Refused("Say which region was challenged.")
        if len(set(event.members)) < REGION_SMALLEST or len(set(event.members)) != len(
            event.members
        ):
            raise Refused(
                f"A region challenge covers {REGION_SMALLEST} or more different structures: "
                "list each once, or challenge a single structure instead."
            )
        for member in event.members:
            self._check_search(replace(event, kind=EventKind.CHALLENGE, candidate=member))

    def _check_step(self, event: Event, now: float) -> None:
        pattern = self.pattern(event.pattern)
        if pattern is None:
            raise Refused("Say which pattern of this session this step belongs to.")
        if not pattern.is_open:
            raise Refused(
                f"The pattern {self._words(pattern)} is already {pattern.status.label.lower()}; "
                "a settled pattern stays settled."
            )
        done = self.steps(pattern)
        facilitated, inhibited = self.name(pattern.facilitated), self.name(pattern.inhibited)
        if event.kind is EventKind.RELEASE and EventKind.RELEASE in done:
            raise Refused(f"{facilitated} is already released: activate {inhibited} next.")
        if event.kind is EventKind.ACTIVATION:
            if EventKind.RELEASE not in done:
                raise Refused(f"Release {facilitated} before activating {inhibited}.")
            if EventKind.ACTIVATION in done:
                raise Refused(f"{inhibited} is already activated: retest it next.")
        if event.kind is EventKind.RETEST:
            missing = [
                kind.label.lower()
                for kind in (EventKind.RELEASE, EventKind.ACTIVATION)
                if kind not in done
            ]
            if missing:
                raise Refused(f"Record the {' and the '.join(missing)} before the retest.")
        if event.kind is EventKind.OUTCOME and event.outcome not in OUTCOMES_BY_HAND:
            raise Refused(
                "A pattern is corrected or not by its retest after release and activation; "
                "an open pattern can only be deferred by hand."
            )

    def _words(self, pattern: Pattern) -> str:
        return (
            f"{self.name(pattern.inhibited)} inhibited with "
            f"{self.name(pattern.facilitated)} facilitated"
        )

    def change(self, event: Event, now: float) -> Change:
        """What an event that `check` allowed changes: a new pattern, or a settled one."""
        if event.kind is EventKind.CONFIRM:
            layer = sum(1 for p in self.patterns if p.inhibited == event.site) + 1
            opened = Pattern(0, event.site, event.candidate, layer, confirmed_at=now)
            return Change(opens=replace(opened, window_seconds=self.window_seconds))
        pattern = self.pattern(event.pattern)
        if pattern is None:
            return Change()
        if event.kind is EventKind.RETEST:
            status = PatternStatus.CORRECTED if event.held else PatternStatus.NOT_CORRECTED
            return Change(settles=status, late=pattern.window_closed(now))
        if event.kind is EventKind.OUTCOME and event.outcome is not None:
            return Change(settles=event.outcome)
        return Change()

    def with_event(self, event: Event, change: Change, pattern_id: int | None = None) -> SessionLog:
        """The log after `event`; a pattern it opens takes `pattern_id`. A pattern's step is
        about its inhibited site and its facilitated structure, and is logged so."""
        patterns = list(self.patterns)
        if change.opens is not None:
            patterns.append(replace(change.opens, id=pattern_id or 0))
            event = replace(event, pattern=pattern_id)
        elif (pattern := self.pattern(event.pattern)) is not None:
            event = replace(event, site=pattern.inhibited, candidate=pattern.facilitated)
        if change.settles is not None:
            patterns = [
                replace(p, status=change.settles) if p.id == event.pattern else p for p in patterns
            ]
        return replace(self, events=(*self.events, event), patterns=tuple(patterns))

    def closing(self) -> Iterable[Pattern]:
        """Patterns to defer when the session ends: none is left open."""
        return [p for p in self.patterns if p.is_open]
