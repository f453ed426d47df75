"""What the engine says when a search stops or its window closes.

Three answers, and only three: confident in a candidate, confident that it is none of the
listed ones, or undecided with the leaders. A window that closes undecided says "undecided",
never "none of these at 15%": the leaders are what the practitioner can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from repattern.engine.inference import NONE_OF_THESE, Posterior
from repattern.engine.policies import DEFAULT_THRESHOLD
from repattern.engine.words import hypothesis, listing, percent, tied_with

Kind = Literal["confident", "none_of_these", "undecided"]
# An undecided verdict names the leaders that, together, hold this much (at most LEADERS).
LEADERS_SHARE = 0.8
LEADERS = 3


@dataclass(frozen=True)
class Verdict:
    """The engine's answer: its kind, what it names (if anything), the leaders, and why."""

    kind: Kind
    name: str | None
    probability: float
    leaders: tuple[tuple[str, float], ...]
    none_of_these: float
    words: str

    @property
    def decided(self) -> bool:
        return self.kind != "undecided"

    def explain(self) -> str:
        return self.words


def verdict(belief: Posterior, threshold: float = DEFAULT_THRESHOLD) -> Verdict:
    """What the engine can say now: confident in X, confident none of these, or undecided."""
    named = belief.confident(threshold)
    leaders = tuple(_leaders(belief))
    none = belief.none_of_these
    if named == NONE_OF_THESE:
        words = (
            "None of these: the compensator is probably not on the list "
            f"({percent(none, threshold)}); add and challenge another structure."
        )
        return Verdict("none_of_these", NONE_OF_THESE, none, leaders, none, words)
    if named is not None:
        p = belief.probability(named)
        words = f"Confident: {named} ({percent(p, threshold)})."
        return Verdict("confident", named, p, leaders, none, words)
    return Verdict("undecided", None, 0.0, leaders, none, _undecided(belief, leaders, threshold))


def _leaders(belief: Posterior) -> list[tuple[str, float]]:
    found, held = [], 0.0
    for name, p in belief.top(LEADERS):
        found.append((name, p))
        held += p
        if held >= LEADERS_SHARE:
            break
    return found


def _undecided(belief: Posterior, leaders: tuple[tuple[str, float], ...], threshold: float) -> str:
    ranked = list(leaders)
    first, p = ranked[0]
    tied = tied_with(belief.top(), first)
    if tied:
        shown = tied[: LEADERS - 1]
        more = len(tied) - len(shown)
        names = (
            listing([first, *shown])
            if not more
            else f"{', '.join([first, *shown])} and {more} more"
        )
        head = f"Undecided: {names} are tied at {percent(p, threshold)} each"
    else:
        others = ", ".join(f"{n} {percent(q, threshold)}" for n, q in ranked[1:])
        head = f"Undecided: {first} leads at {percent(p, threshold)}" + (
            f", then {others}" if others else ""
        )
    best, best_p = belief.best()
    if best == NONE_OF_THESE:
        tail = (
            f"; {hypothesis(best)} leads at {percent(best_p, threshold)}, short of "
            f"{percent(threshold, threshold)}"
        )
    elif best_p >= threshold:
        tail = (
            f"; {best} is at {percent(best_p, threshold)} but 'none of these' still holds "
            f"{percent(belief.none_of_these, threshold)}, too much to name it yet"
        )
    else:
        tail = f"; nothing has reached {percent(threshold, threshold)}"
    return head + tail + "."
