"""What a session came to: its summary in figures, and its body map."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from django.utils import timezone

from repattern.atlas.services import clinic_atlas
from repattern.engine.errors import EngineError
from repattern.engine.session import SEARCH_CHALLENGES, TESTS, PatternStatus
from repattern.engine.unresolved import unresolved
from repattern.treatment.bodymap import BodyMark, marks_for_site, render_body_map
from repattern.treatment.inputs import session_record
from repattern.treatment.models import Pattern, TreatmentSession
from repattern.treatment.sites import site_name


@dataclass(frozen=True)
class SessionSummary:
    patterns: list[tuple[Pattern, str, str]]
    corrected: int
    tests: int
    challenges: int
    window_seconds: float
    # Inhibited muscles left without a pattern: still weak at their last test, none confirmed.
    unresolved: list[str] = field(default_factory=list)


def unresolved_sites(session: TreatmentSession) -> list[str]:
    return unresolved(session_record(session).log)


def session_summary(session: TreatmentSession) -> SessionSummary:
    atlas = clinic_atlas(session.client.clinic_id)
    events = list(session.events.all())
    patterns = list(session.patterns.all())
    in_windows = 0.0
    for p in patterns:
        end = p.ended_at or timezone.now()
        in_windows += min((end - p.confirmed_at).total_seconds(), float(p.window_seconds))
    return SessionSummary(
        patterns=[
            (p, site_name(atlas, p.inhibited), site_name(atlas, p.facilitated)) for p in patterns
        ],
        corrected=sum(p.status == PatternStatus.CORRECTED for p in patterns),
        tests=sum(e.kind in TESTS for e in events),
        challenges=sum(e.kind in SEARCH_CHALLENGES for e in events),
        window_seconds=round(in_windows),
        unresolved=[site_name(atlas, site) for site in unresolved_sites(session)],
    )


def body_map(session: TreatmentSession) -> str:
    atlas = clinic_atlas(session.client.clinic_id)
    marks: list[BodyMark] = []
    for p in session.patterns.all():
        ends: tuple[tuple[str, Literal["inhibited", "facilitated"]], ...] = (
            (p.inhibited, "inhibited"),
            (p.facilitated, "facilitated"),
        )
        for site, kind in ends:
            try:
                status = (
                    ""
                    if p.status == PatternStatus.CORRECTED
                    else f" ({p.get_status_display().lower()})"
                )
                label = f"{site_name(atlas, site)}: {kind}{status}"
                marks += marks_for_site(site, kind, label, atlas)
            except EngineError:
                continue
    for site in unresolved_sites(session):
        try:
            label = f"{site_name(atlas, site)}: inhibited (unresolved, no pattern found)"
            marks += marks_for_site(site, "inhibited", label, atlas)
        except EngineError:
            continue
    for area in session.client.pain_areas.all():
        marks.append(BodyMark(area.region, area.side, "pain", str(area), area.intensity))
    for scar in session.client.scars.all():
        marks.append(BodyMark(scar.region, scar.side, "scar", str(scar)))
    return render_body_map(marks, title=f"Body map of the session with {session.client.full_name}")
