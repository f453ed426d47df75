"""A home program as a document a client keeps: the same words on the page, in print and in a
PDF, each exercise with where on the body it works."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from repattern.programs.figures import exercise_figure
from repattern.programs.models import Exercise, HomeProgram, ProgramVersion


@dataclass(frozen=True)
class Shown:
    exercise: Exercise
    figure: SafeString


def shown(version: ProgramVersion, clinic_id: int) -> list[Shown]:
    # The figure is SVG drawn by our own code from atlas ids, escaped where it holds text.
    return [Shown(e, mark_safe(exercise_figure(e, clinic_id))) for e in version.exercises.all()]


def context(program: HomeProgram, version: ProgramVersion) -> dict[str, object]:
    return {
        "program": program,
        "version": version,
        "client": program.client,
        "clinic": program.client.clinic,
        "exercises": shown(version, program.client.clinic_id),
    }


def render_pdf_html(program: HomeProgram, version: ProgramVersion) -> str:
    return render_to_string("programs/program_pdf.html", context(program, version))
