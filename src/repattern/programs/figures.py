"""Where on the body each exercise works: a small body map of its two sites, drawn by the
project's own body map (no copied images)."""

from __future__ import annotations

from repattern.atlas.services import clinic_atlas
from repattern.engine.errors import EngineError
from repattern.programs.models import Exercise
from repattern.treatment.bodymap import BodyMark, MarkKind, marks_for_site, render_body_map
from repattern.treatment.sites import site_name


def exercise_figure(exercise: Exercise, clinic_id: int) -> str:
    """The body map with the structure to release and the muscle to activate marked."""
    atlas = clinic_atlas(clinic_id)
    marks: list[BodyMark] = []
    ends: tuple[tuple[str, MarkKind, str], ...] = (
        (exercise.facilitated, "facilitated", "release"),
        (exercise.inhibited, "inhibited", "activate"),
    )
    for site, kind, doing in ends:
        try:
            marks += marks_for_site(site, kind, f"{doing}: {site_name(atlas, site)}", atlas)
        except (EngineError, ValueError):
            continue
    return render_body_map(marks, title=f"Where: {exercise.title}")
