"""The words of a session's rules: the kinds of event, the results, a pattern's statuses, and
the window's size. The rules themselves are in `session.py`, which re-exports these names."""

from __future__ import annotations

from enum import StrEnum

# About this many challenges fit in one 30-60 s learning window (DOMAIN.md section 3).
WINDOW_TESTS = 12


class EventKind(StrEnum):
    TEST = "test"
    CHALLENGE = "challenge"
    REGION = "region"
    CONFIRM = "confirm"
    RELEASE = "release"
    ACTIVATION = "activation"
    RETEST = "retest"
    OUTCOME = "outcome"

    @property
    def label(self) -> str:
        return EVENT_LABELS[self]


EVENT_LABELS = {
    EventKind.TEST: "Muscle test",
    EventKind.CHALLENGE: "Challenge",
    EventKind.REGION: "Region challenge",
    EventKind.CONFIRM: "Pattern confirmed",
    EventKind.RELEASE: "Release",
    EventKind.ACTIVATION: "Activation",
    EventKind.RETEST: "Retest",
    EventKind.OUTCOME: "Pattern outcome",
}


class Result(StrEnum):
    """What a muscle did under a test, a challenge or a retest."""

    HOLDS = "holds"
    WEAK = "weak"

    @property
    def label(self) -> str:
        return "Holds" if self is Result.HOLDS else "Weak"


class PatternStatus(StrEnum):
    OPEN = "confirmed"
    CORRECTED = "corrected"
    NOT_CORRECTED = "not_corrected"
    DEFERRED = "deferred"

    @property
    def label(self) -> str:
        return PATTERN_LABELS[self]


PATTERN_LABELS = {
    PatternStatus.OPEN: "Confirmed, in the learning window",
    PatternStatus.CORRECTED: "Corrected",
    PatternStatus.NOT_CORRECTED: "Not corrected",
    PatternStatus.DEFERRED: "Deferred",
}

TESTS = (EventKind.TEST, EventKind.RETEST)
# What narrows a search: a challenge of one structure, or of a region's members together.
SEARCH_CHALLENGES = (EventKind.CHALLENGE, EventKind.REGION)
# A region challenge covers at least this many structures; one is a plain challenge.
REGION_SMALLEST = 2
PATTERN_STEPS = (EventKind.RELEASE, EventKind.ACTIVATION, EventKind.RETEST, EventKind.OUTCOME)
# An outcome event only defers: corrected or not is what the retest says.
OUTCOMES_BY_HAND = (PatternStatus.DEFERRED,)
