"""A suggested challenge, and why, in words that quote the numbers.

Reasons speak the practitioner's language: how likely a structure (or a region's structures
together) now is, what a hold or a weak result would do to it, and how often it would hold.
Percentages are rounded so that they never contradict the stop rule (`words.percent`); ties
are called ties; when "none of these" leads, the reason says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from repattern.engine.inference import NONE_OF_THESE, Posterior, information
from repattern.engine.words import listing, percent, tests, tied_with


@dataclass(frozen=True)
class Suggestion:
    """The challenge to do next, and the numbers behind the choice.

    For a region challenge `candidate` is None, `candidates` holds the region's members to
    challenge together and `region` its name; `probability`, `if_positive` and `if_negative`
    are then the region's members together. `chance_positive` is how often the weak muscle
    should hold on this challenge; `bits` what it is expected to tell, for tools (reasons
    never quote it).
    """

    candidate: str | None
    policy: str
    probability: float
    if_positive: float
    if_negative: float
    bits: float
    cost: float
    score: float
    reason: str
    candidates: tuple[str, ...] = ()
    region: str | None = None
    chance_positive: float = 0.0

    def explain(self) -> str:
        return self.reason


RANKS = (
    "the most likely compensator",
    "the second most likely",
    "the third most likely",
    "not among the three most likely",
)


@dataclass(frozen=True)
class ChoiceFacts:
    """What `next_test` knows when it has chosen: enough to build the suggestion and its words."""

    belief: Posterior
    policy: str
    threshold: float
    budget: int | None
    score: float
    planning: bool  # the look-ahead's end game, whose score is a chance of naming right

    def single(self, candidate: str, s: float, f: float, cost: float) -> Suggestion:
        p = self.belief.probability(candidate)
        return self._suggest(candidate, (candidate,), None, p, s, f, cost)

    def region(
        self, name: str, members: tuple[str, ...], s: float, f: float, cost: float
    ) -> Suggestion:
        p = float(sum(self.belief.probability(m) for m in members))
        return self._suggest(None, members, name, p, s, f, cost)

    def _suggest(
        self,
        candidate: str | None,
        members: tuple[str, ...],
        region: str | None,
        p: float,
        s: float,
        f: float,
        cost: float,
    ) -> Suggestion:
        up = p * s / (p * s + (1.0 - p) * f)
        down = p * (1.0 - s) / (p * (1.0 - s) + (1.0 - p) * (1.0 - f))
        chance = f + p * (s - f)
        said = _Said(self, candidate, members, region, p, up, down, chance, s, cost)
        return Suggestion(
            candidate,
            self.policy,
            p,
            up,
            down,
            float(information(p, s, f)),
            cost,
            self.score,
            REASONS[self.policy](said),
            members,
            region,
            chance,
        )


@dataclass(frozen=True)
class _Said:
    """The phrases a reason is made of."""

    facts: ChoiceFacts
    candidate: str | None
    members: tuple[str, ...]
    region: str | None
    p: float
    up: float
    down: float
    chance: float
    sensitivity: float
    cost: float

    def pct(self, x: float) -> str:
        return percent(x, self.facts.threshold)

    @property
    def what(self) -> str:
        if self.region is None:
            return f"Challenge {self.candidate} next"
        return f"Challenge the {self.region} next, {listing(self.members)} under one contact"

    @property
    def standing(self) -> str:
        if self.region is not None:
            return f"together they hold {self.pct(self.p)}"
        assert self.candidate is not None
        ranked = self.facts.belief.top()
        tied = tied_with(ranked[:8], self.candidate)
        if tied:
            return f"at {self.pct(self.p)} it is tied with {listing(tied)}"
        leaders = [c for c, _ in ranked[:3]]
        rank = RANKS[leaders.index(self.candidate)] if self.candidate in leaders else RANKS[-1]
        return f"at {self.pct(self.p)} it is {rank}"

    @property
    def outcomes(self) -> str:
        it = "them" if self.region is not None else "it"
        return (
            f"a hold would raise {it} to {self.pct(self.up)}, a weak result would lower {it} "
            f"to {self.pct(self.down)}"
        )

    @property
    def holds(self) -> str:
        return f"it should hold about {self.pct(self.chance)} of the time"

    @property
    def none_leads(self) -> str:
        best, p = self.facts.belief.best()
        if best != NONE_OF_THESE:
            return ""
        return (
            f" 'None of these' leads at {self.pct(p)}: if the listed structures keep testing "
            "weak, add the one you suspect."
        )

    @property
    def window(self) -> str:
        budget = self.facts.budget
        return "with no limit on tests" if budget is None else f"with {tests(budget)} left"


def _why_most_probable(x: _Said) -> str:
    return (
        f"{x.what}: {x.standing}, and since a single test can mislead, checking the most likely "
        f"one again is the surest next step; {x.outcomes}.{x.none_leads}"
    )


def _why_blackwell(x: _Said) -> str:
    per_cost = " for the effort it takes" if x.cost != 1.0 else ""
    return (
        f"{x.what}: it has the best chance of making the weak muscle hold{per_cost} "
        f"({x.pct(x.p)} likely, and your challenges pick up a true compensator about "
        f"{x.pct(x.sensitivity)} of the time); {x.outcomes}.{x.none_leads}"
    )


def _why_information(x: _Said) -> str:
    per_cost = f" for its cost of {x.cost:g}" if x.cost != 1.0 else ""
    return (
        f"{x.what}: its answer is expected to tell the most{per_cost}, because {x.holds}; "
        f"{x.standing}, and {x.outcomes}.{x.none_leads}"
    )


def _why_lookahead(x: _Said) -> str:
    if not x.facts.planning:
        return (
            f"{x.what}: {x.window}, take the challenge expected to tell the most, because "
            f"{x.holds}; {x.standing}, and {x.outcomes}.{x.none_leads}"
        )
    now = x.facts.belief.best()[1]
    return (
        f"{x.what}: {x.window}, starting here gives the best chance of naming the right "
        f"compensator when the window closes, {x.pct(x.facts.score)} against {x.pct(now)} if "
        f"you named one now; {x.standing}, and {x.outcomes}.{x.none_leads}"
    )


REASONS: dict[str, Callable[[_Said], str]] = {
    "most_probable": _why_most_probable,
    "blackwell": _why_blackwell,
    "information_gain": _why_information,
    "budget_lookahead": _why_lookahead,
}
