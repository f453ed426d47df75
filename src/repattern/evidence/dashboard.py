"""The clinic's evidence, gathered in a handful of queries whatever the number of episodes: for
each measure and each intake condition, how the closed care plans (the episodes) went.

An episode's baseline is its first measurement of a measure, its discharge the last; pain just
after a session is left out, as on the client's charts. Each episode-measure comes from the
database as one row (window functions), so 1,000,000 responses stay in the database."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, RowRange, Window
from django.db.models.functions import FirstValue, LastValue, RowNumber

from repattern.clients.models import Intake
from repattern.engine.vocabulary import CONDITIONS, label
from repattern.evidence.stats import Figures
from repattern.outcomes.change import minimal_detectable_change
from repattern.outcomes.instruments import Instrument, judge
from repattern.outcomes.models import Response, Review
from repattern.outcomes.registry import instruments_for
from repattern.treatment.models import CarePlan, TreatmentSession

ALL = "All conditions"
NONE = "No condition recorded"
REFERRED = (Review.Decision.EXERCISE, Review.Decision.REFER)


@dataclass(frozen=True)
class Row:
    measure: str
    condition: str
    figures: Figures


@dataclass
class _Tally:
    episodes: int = 0
    completed: int = 0
    responders: int = 0
    non_responders: int = 0
    referred: int = 0

    def __post_init__(self) -> None:
        self.changes: list[float] = []

    def figures(self) -> Figures:
        return Figures(
            self.episodes,
            self.completed,
            self.responders,
            tuple(self.changes),
            self.non_responders,
            self.referred,
        )


def episode_plans(clinic_id: int, practitioner_id: int | None = None) -> dict[int, int]:
    """Closed care plans of the clinic (the practitioner's, if one is given): plan -> client."""
    plans = CarePlan.objects.filter(client__clinic_id=clinic_id, closed_at__isnull=False)
    if practitioner_id is not None:
        treated = TreatmentSession.objects.filter(practitioner_id=practitioner_id)
        plans = plans.filter(pk__in=treated.values("care_plan_id"))
    return dict(plans.values_list("id", "client_id"))


def _first_and_last(clinic_id: int, practitioner_id: int | None) -> list[tuple]:
    rows = Response.objects.filter(
        client__clinic_id=clinic_id,
        care_plan__closed_at__isnull=False,
        score__isnull=False,
    ).exclude(phase=Response.Phase.AFTER)
    if practitioner_id is not None:
        treated = TreatmentSession.objects.filter(practitioner_id=practitioner_id)
        rows = rows.filter(care_plan_id__in=treated.values("care_plan_id"))
    # One partition and one order for every window, so the database sorts the rows once.
    group = [F("care_plan_id"), F("instrument"), F("qualifier")]
    order = [F("authored"), F("id")]
    whole = RowRange(start=None, end=None)
    return list(
        rows.annotate(
            first=Window(FirstValue("score"), partition_by=group, order_by=order),
            last=Window(LastValue("score"), partition_by=group, order_by=order, frame=whole),
            taken=Window(Count("id"), partition_by=group, order_by=order, frame=whole),
            n=Window(RowNumber(), partition_by=group, order_by=order),
        )
        .filter(n=1)
        .values_list("care_plan_id", "instrument", "qualifier", "first", "last", "taken")
    )


def _measure(instrument: Instrument, qualifier: str) -> str:
    name = instrument.rules.short
    return f"{name} ({qualifier})" if qualifier else name


def evidence(clinic_id: int, practitioner_id: int | None = None) -> list[Row]:
    """One row for each measure in all episodes, then one for each measure and condition."""
    plans = episode_plans(clinic_id, practitioner_id)
    conditions: dict[int, list[str]] = {}
    for client_id, found in Intake.objects.filter(
        client__clinic_id=clinic_id, client_id__in=set(plans.values())
    ).values_list("client_id", "conditions"):
        conditions[client_id] = [label(CONDITIONS, str(c)) for c in found or []]
    referred = set(
        Review.objects.filter(care_plan_id__in=plans, decision__in=REFERRED).values_list(
            "care_plan_id", flat=True
        )
    )
    instruments = instruments_for(clinic_id)
    mdcs: dict[tuple[str, str], float | None] = {}
    tallies: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
    for plan_id, measure, qualifier, first, last, taken in _first_and_last(
        clinic_id, practitioner_id
    ):
        instrument = instruments.get(measure)
        if instrument is None or plan_id not in plans:
            continue
        rules = instrument.rules
        mdc = None
        if rules.change is not None and rules.change.mdc:
            if (measure, qualifier) not in mdcs:
                mdcs[(measure, qualifier)] = minimal_detectable_change(
                    clinic_id, measure, qualifier
                )
            mdc = mdcs[(measure, qualifier)]
        name = _measure(instrument, qualifier)
        groups = [ALL, *(conditions.get(plans[plan_id]) or [NONE])]
        for condition in groups:
            tally = tallies[(name, condition)]
            tally.episodes += 1
            if taken < 2:
                continue
            tally.completed += 1
            verdict = judge(rules, first, last, mdc)
            tally.changes.append(-verdict.change if rules.better == "lower" else verdict.change)
            if verdict.important:
                tally.responders += 1
            else:
                tally.non_responders += 1
                tally.referred += plan_id in referred
    ordered = sorted(tallies.items(), key=lambda kv: (kv[0][0], kv[0][1] != ALL, kv[0][1]))
    return [Row(measure, condition, t.figures()) for (measure, condition), t in ordered]
