"""What the simulated practitioners saw: every request's time, every unexpected answer, and
every event id the server acknowledged. Shared by their threads, so each write takes a lock."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """The kinds of request a practitioner's browser makes, in the order a day brings them."""

    SIGN_IN_PAGE = "sign-in page"
    SIGN_IN = "sign-in"
    START_FORM = "start form"
    START = "start session"
    SCREEN = "screen"
    STATE = "state"
    EVENT = "event"
    DOUBLE_TAP = "double tap"
    RESEND = "resend"


@dataclass
class Observations:
    """Times in milliseconds by kind; unexpected answers by kind and status; event ids."""

    ms: dict[Kind, list[float]] = field(default_factory=dict)
    unexpected: Counter[tuple[Kind, str]] = field(default_factory=Counter)
    # The first few words of each kind of unexpected answer, as evidence in the report.
    samples: dict[tuple[Kind, str], str] = field(default_factory=dict)
    acknowledged: set[str] = field(default_factory=set)
    # Ids sent twice at once (a double tap) or sent again after their answer (a lost answer).
    double_tapped: set[str] = field(default_factory=set)
    resent: set[str] = field(default_factory=set)
    sessions_started: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def timed(self, kind: Kind, ms: float) -> None:
        with self.lock:
            self.ms.setdefault(kind, []).append(ms)

    def refused(self, kind: Kind, status: str, words: str) -> None:
        """An answer the simulator did not expect: a 5xx, a refusal, a time-out."""
        with self.lock:
            self.unexpected[(kind, status)] += 1
            self.samples.setdefault((kind, status), " ".join(words.split())[:160])

    def acknowledge(self, event_id: str) -> None:
        with self.lock:
            self.acknowledged.add(event_id)

    def replayed(self, kind: Kind, event_id: str) -> None:
        with self.lock:
            (self.double_tapped if kind is Kind.DOUBLE_TAP else self.resent).add(event_id)

    def started(self) -> None:
        with self.lock:
            self.sessions_started += 1

    @property
    def requests(self) -> int:
        """Every request sent, answered or not: a time-out has no time but was a request."""
        timed = sum(len(times) for times in self.ms.values())
        return timed + sum(n for (_, status), n in self.unexpected.items() if not status.isdigit())
