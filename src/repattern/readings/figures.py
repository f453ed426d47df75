"""The clinic's test reliability figures, from its records: blinded retests of muscle tests
(stored as session events) and repeated force readings.

Force readings pair two ways. Within one practitioner: the first two trials of a muscle and
side by the same practitioner in one session are one subject measured twice (ICC(3,1), SEM,
MDC95). Between practitioners: the first trial of each of two practitioners on the same muscle
and side in one session (ICC(2,1)). Below `MIN_PAIRS` pairs or `MIN_SUBJECTS` subjects a figure
is not given: an estimate from a handful of pairs would say more about chance than about tests.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from repattern.engine.atlas import parse_site
from repattern.engine.errors import EngineError
from repattern.engine.session import Result
from repattern.readings.agreement import Kappa, Repeatability, kappa_of_pairs, repeatability
from repattern.readings.models import ForceReading
from repattern.treatment.models import SessionEvent
from repattern.treatment.reliability import blinded_retests

__all__ = [
    "MIN_PAIRS",
    "MIN_SUBJECTS",
    "ForceFigure",
    "ForcePair",
    "Retest",
    "RetestFigure",
    "between_pairs",
    "force_figure",
    "minimal_detectable_change",
    "retest_figure",
    "retests",
    "within_pairs",
]

MIN_PAIRS = 10
MIN_SUBJECTS = 10


@dataclass(frozen=True)
class Retest:
    """A blinded challenge and its blinded retest: held (True) or weak each time."""

    practitioner_id: int
    muscle: str
    client_id: int
    first: bool
    second: bool


@dataclass(frozen=True)
class ForcePair:
    """One subject (a muscle and side in one session) measured twice, in newtons."""

    practitioner_id: int  # whose reading is `first`
    other_id: int  # whose reading is `second`: the same practitioner within, another between
    muscle: str
    side: str
    client_id: int
    first: float
    second: float


@dataclass(frozen=True)
class RetestFigure:
    pairs: int
    clients: int
    raters: int
    result: Kappa | None  # None: too few pairs

    @property
    def count(self) -> int:
        return self.pairs


@dataclass(frozen=True)
class ForceFigure:
    subjects: int
    clients: int
    raters: int
    result: Repeatability | None  # None: too few subjects

    @property
    def count(self) -> int:
        return self.subjects


def retests(clinic_id: int, practitioner_id: int | None = None) -> list[Retest]:
    """Every blinded retest in the clinic, or of one practitioner's sessions."""
    events = SessionEvent.objects.filter(session__client__clinic_id=clinic_id).select_related(
        "session"
    )
    if practitioner_id is not None:
        events = events.filter(session__practitioner_id=practitioner_id)
    found = []
    for first, second in blinded_retests(events):
        try:
            muscle = parse_site(first.site).entry_id
        except EngineError:
            muscle = first.site
        found.append(
            Retest(
                first.session.practitioner_id,
                muscle,
                first.session.client_id,
                first.result == Result.HOLDS,
                second.result == Result.HOLDS,
            )
        )
    return found


def _readings(clinic_id: int, muscle: str | None, side: str | None) -> list[ForceReading]:
    rows = ForceReading.objects.filter(session__client__clinic_id=clinic_id).select_related(
        "session"
    )
    if muscle is not None:
        rows = rows.filter(muscle=muscle)
    if side is not None:
        rows = rows.filter(side=side)
    return list(rows.order_by("session_id", "muscle", "side", "practitioner_id", "trial", "id"))


def within_pairs(
    clinic_id: int, muscle: str | None = None, side: str | None = None
) -> list[ForcePair]:
    """The first two trials of each practitioner on each muscle and side in each session."""
    groups: dict[tuple[int, str, str, int], list[ForceReading]] = defaultdict(list)
    for r in _readings(clinic_id, muscle, side):
        groups[r.session_id, r.muscle, r.side, r.practitioner_id].append(r)
    return [_pair(key[3], key[3], rs[0], rs[1]) for key, rs in groups.items() if len(rs) >= 2]


def between_pairs(
    clinic_id: int, practitioner_id: int | None = None, muscle: str | None = None
) -> list[ForcePair]:
    """The first trial of two practitioners on the same muscle and side in one session; with
    `practitioner_id`, theirs first and a colleague's second."""
    firsts: dict[tuple[int, str, str], dict[int, ForceReading]] = defaultdict(dict)
    for r in _readings(clinic_id, muscle, None):
        firsts[r.session_id, r.muscle, r.side].setdefault(r.practitioner_id, r)
    pairs = []
    for by in firsts.values():
        people = sorted(by)
        if len(people) < 2:
            continue
        if practitioner_id is None:
            one, two = people[0], people[1]
        elif practitioner_id in by:
            one, two = practitioner_id, next(p for p in people if p != practitioner_id)
        else:
            continue
        pairs.append(_pair(one, two, by[one], by[two]))
    return pairs


def _pair(one: int, two: int, first: ForceReading, second: ForceReading) -> ForcePair:
    return ForcePair(
        practitioner_id=one,
        other_id=two,
        muscle=first.muscle,
        side=first.side,
        client_id=first.session.client_id,
        first=float(first.newtons),
        second=float(second.newtons),
    )


def retest_figure(found: list[Retest]) -> RetestFigure:
    enough = len(found) >= MIN_PAIRS
    result = kappa_of_pairs([(r.first, r.second) for r in found]) if enough else None
    return RetestFigure(
        len(found),
        len({r.client_id for r in found}),
        len({r.practitioner_id for r in found}),
        result,
    )


def force_figure(pairs: list[ForcePair], form: str) -> ForceFigure:
    enough = len(pairs) >= MIN_SUBJECTS
    result = repeatability([[p.first, p.second] for p in pairs], form) if enough else None
    raters = {p.practitioner_id for p in pairs} | {p.other_id for p in pairs}
    return ForceFigure(len(pairs), len({p.client_id for p in pairs}), len(raters), result)


def minimal_detectable_change(
    clinic: object, muscle: str | None = None, side: str | None = None
) -> float | None:
    """The smallest change in peak force (newtons) beyond measurement error at 95%, from the
    clinic's repeated trials; None when there are too few to say. `clinic` is a Clinic or id."""
    clinic_id = getattr(clinic, "pk", clinic)
    if not isinstance(clinic_id, int):
        raise TypeError("minimal_detectable_change takes a clinic or its id.")
    figure = force_figure(within_pairs(clinic_id, muscle, side), "3,1")
    return None if figure.result is None else figure.result.mdc95
