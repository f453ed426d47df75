"""What a care plan came to, for its discharge summary: each measure at baseline and at
discharge with its chart, the patterns found and corrected, how the home program went and the
practitioner's note. The same words on the page, in print and in the PDF."""

from __future__ import annotations

from dataclasses import dataclass

from repattern.atlas.services import clinic_atlas
from repattern.engine.session import PatternStatus
from repattern.evidence.models import DischargeNote
from repattern.outcomes.change import PlanOutcome, Series, plan_outcome
from repattern.outcomes.charts import chart_svg, data_uri, describe
from repattern.programs.adherence import ProgramAdherence, adherence_for
from repattern.programs.models import HomeProgram
from repattern.treatment.models import CarePlan, Pattern
from repattern.treatment.sites import site_name


@dataclass(frozen=True)
class MeasureRow:
    series: Series
    chart: str  # a data: URI
    alt: str


@dataclass(frozen=True)
class PatternRow:
    day: str
    inhibited: str
    facilitated: str
    status: str


@dataclass(frozen=True)
class Discharge:
    plan: CarePlan
    outcome: PlanOutcome
    measures: list[MeasureRow]
    patterns: list[PatternRow]
    corrected: int
    programs: list[ProgramAdherence]
    note: DischargeNote | None


def discharge_of(plan: CarePlan) -> Discharge:
    outcome = plan_outcome(plan)
    session_dates = list(plan.sessions.order_by("started_at").values_list("started_at", flat=True))
    measures = [
        MeasureRow(s, data_uri(chart_svg(s, session_dates)), describe(s)) for s in outcome.series
    ]
    atlas = clinic_atlas(plan.client.clinic_id)
    found = Pattern.objects.filter(session__care_plan=plan).select_related("session")
    patterns = [
        PatternRow(
            f"{p.session.started_at:%Y-%m-%d}",
            site_name(atlas, p.inhibited),
            site_name(atlas, p.facilitated),
            PatternStatus(p.status).label,
        )
        for p in found.order_by("confirmed_at", "id")
    ]
    programs = HomeProgram.objects.filter(care_plan=plan).order_by("created_at")
    return Discharge(
        plan=plan,
        outcome=outcome,
        measures=measures,
        patterns=patterns,
        corrected=sum(p.status == PatternStatus.CORRECTED.label for p in patterns),
        programs=list(adherence_for(programs).values()),
        note=DischargeNote.objects.filter(care_plan=plan).select_related("written_by").first(),
    )
