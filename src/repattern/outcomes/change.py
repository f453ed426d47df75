"""Change that matters: per client and measure, the baseline, the latest and the change,
judged by the instrument's threshold; a plan's responder and non-responder flags."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet

from repattern.outcomes.instruments import Instrument, Verdict, judge
from repattern.outcomes.models import OutcomeSettings, Response, Review
from repattern.outcomes.registry import instruments_for
from repattern.treatment.models import CarePlan

# Fewer same-day pairs than this, and the measuring error is not known well enough to claim
# a minimal detectable change.
MIN_PAIRS = 10
Z95 = 1.96


def minimal_detectable_change(clinic_id: int, measure: str, qualifier: str = "") -> float | None:
    """The clinic's minimal detectable change (95%) of a numeric measure, from its repeated
    measurements: successive pairs of the same client, measure and qualifier on the same day.
    None when there are fewer than MIN_PAIRS pairs. SEM = sqrt(sum(d^2) / 2n); MDC95 = 1.96 *
    sqrt(2) * SEM. (The reliability app may give a better estimate; this is the hook for it.)"""
    rows = Response.objects.filter(
        client__clinic_id=clinic_id, instrument=measure, score__isnull=False
    )
    if qualifier:
        rows = rows.filter(qualifier=qualifier)
    by_day: dict[tuple[int, str, str], list[float]] = defaultdict(list)
    for client_id, qual, authored, value in rows.order_by("authored", "id").values_list(
        "client_id", "qualifier", "authored", "score"
    ):
        if value is not None:
            by_day[(client_id, qual, authored.date().isoformat())].append(value)
    # Taken one after the other, in twos: the first and second, the third and fourth...
    differences = [v[i + 1] - v[i] for v in by_day.values() for i in range(0, len(v) - 1, 2)]
    if len(differences) < MIN_PAIRS:
        return None
    sem = math.sqrt(sum(d * d for d in differences) / (2 * len(differences)))
    return Z95 * math.sqrt(2) * sem


@dataclass(frozen=True)
class Point:
    authored: datetime
    score: float
    phase: str
    entered_by: str


@dataclass
class Series:
    """One measure of one client over time (a numeric measure per muscle and side, etc.)."""

    instrument: Instrument
    qualifier: str
    points: list[Point] = field(default_factory=list)
    verdict: Verdict | None = None

    @property
    def label(self) -> str:
        name = self.instrument.rules.short
        return f"{name} ({self.qualifier})" if self.qualifier else name

    def judged(self) -> list[Point]:
        """The points the change is judged on: pain just after a session shows on the chart,
        but a session's immediate effect is not counted as lasting change."""
        return [p for p in self.points if p.phase != Response.Phase.AFTER]


def series_of(responses: QuerySet[Response], clinic_id: int) -> list[Series]:
    instruments = instruments_for(clinic_id)
    found: dict[tuple[str, str], Series] = {}
    for r in responses.filter(score__isnull=False).order_by("authored", "id"):
        instrument = instruments.get(r.instrument)
        if instrument is None or r.score is None:
            continue
        key = (r.instrument, r.qualifier)
        if key not in found:
            found[key] = Series(instrument, r.qualifier)
        found[key].points.append(Point(r.authored, r.score, r.phase, r.entered_by))
    for s in found.values():
        judged = s.judged()
        if not judged:
            continue
        mdc = None
        if s.instrument.rules.change is not None and s.instrument.rules.change.mdc:
            mdc = minimal_detectable_change(clinic_id, s.instrument.id, s.qualifier)
        s.verdict = judge(s.instrument.rules, judged[0].score, judged[-1].score, mdc)
    return sorted(found.values(), key=lambda s: (_rank(s.instrument), s.qualifier))


# Pain and the client's own activities first, then the change rating, then the rest.
FIRST = ("nprs", "psfs", "groc", "stress")


def _rank(instrument: Instrument) -> tuple[int, str]:
    if instrument.id in FIRST:
        return FIRST.index(instrument.id), ""
    return len(FIRST) + (instrument.rules.kind == "measure"), instrument.id


def client_series(client_id: int, clinic_id: int) -> list[Series]:
    return series_of(Response.objects.filter(client_id=client_id), clinic_id)


def review_after(clinic_id: int) -> int:
    found = OutcomeSettings.objects.filter(clinic_id=clinic_id).first()
    return found.review_after_sessions if found is not None else 4


@dataclass
class PlanOutcome:
    """Whether a plan's client has reached an important change, and whether the plan waits
    for the practitioner's review."""

    plan: CarePlan
    series: list[Series]
    sessions_held: int
    review_at: int
    review: Review | None

    @property
    def improved(self) -> list[Series]:
        return [s for s in self.series if s.verdict is not None and s.verdict.important]

    @property
    def responder(self) -> bool:
        return bool(self.improved)

    @property
    def non_responder(self) -> bool:
        return not self.responder and self.sessions_held >= self.review_at

    @property
    def needs_review(self) -> bool:
        return self.non_responder and self.review is None and self.plan.is_open


def plan_outcome(plan: CarePlan) -> PlanOutcome:
    clinic_id = plan.client.clinic_id
    return PlanOutcome(
        plan=plan,
        series=series_of(Response.objects.filter(care_plan=plan), clinic_id),
        sessions_held=plan.sessions_held(),
        review_at=review_after(clinic_id),
        review=plan.outcome_reviews.first(),
    )


def plans_to_review(clinic_id: int, practitioner_id: int | None = None) -> list[PlanOutcome]:
    """Open plans that reached the clinic's review session without an important change and
    without a recorded decision; only the practitioner's own if one is given."""
    plans = CarePlan.objects.filter(
        client__clinic_id=clinic_id, closed_at__isnull=True, outcome_reviews__isnull=True
    ).select_related("client", "client__clinic")
    if practitioner_id is not None:
        plans = plans.filter(sessions__practitioner_id=practitioner_id)
    at = review_after(clinic_id)
    found = []
    for plan in plans.distinct():
        if plan.sessions_held() < at:
            continue
        outcome = plan_outcome(plan)
        if outcome.needs_review:
            found.append(outcome)
    return found
